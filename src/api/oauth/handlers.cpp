// The OAuth routes (oauth.md §3, §6, §7, §9). Each handler follows the pipeline of
// §1.1: input validation, authentication, then the route's steps in the spec's order.

#include <date/date.h>
#include <date/tz.h>

#include <array>
#include <boost/json.hpp>
#include <boost/url.hpp>

#include "bgm/api/codec.hpp"
#include "bgm/api/oauth.hpp"
#include "bgm/common/strings.hpp"
#include "pages.hpp"
#include "routes_internal.hpp"

namespace bgm::api {
namespace {

constexpr int kCodeTtl = 60;

constexpr std::array kAuthorizeQuery{FieldSpec{"client_id", true}, FieldSpec{"response_type", true},
                                     FieldSpec{"redirect_uri", false}, FieldSpec{"scope", false},
                                     FieldSpec{"state", false}};
constexpr std::array kAuthorizeBody{FieldSpec{"csrf_token", true}, FieldSpec{"client_id", true},
                                    FieldSpec{"redirect_uri", true}, FieldSpec{"scope", false},
                                    FieldSpec{"state", false}};
constexpr std::array kTokenBody{FieldSpec{"grant_type", true},    FieldSpec{"client_id", true},
                                FieldSpec{"client_secret", true}, FieldSpec{"redirect_uri", true},
                                FieldSpec{"code", false},         FieldSpec{"refresh_token", false}};

// Client lookups convert the parameter to the column's charset so the index applies;
// the match stays case-insensitive (the column collation), as with TS's plain `=`.
constexpr std::string_view kClientWithCreator =
    "SELECT c.client_id, c.redirect_uri, a.app_name, a.app_desc, a.app_timestamp, m.username, m.nickname "
    "FROM chii_oauth_clients c JOIN chii_apps a ON a.app_id = c.app_id JOIN chii_members m ON m.uid = a.app_creator "
    "WHERE c.client_id = CONVERT(? USING utf8mb3) COLLATE utf8mb3_unicode_ci LIMIT 1";
constexpr std::string_view kClient =
    "SELECT client_id, redirect_uri FROM chii_oauth_clients "
    "WHERE client_id = CONVERT(? USING utf8mb3) COLLATE utf8mb3_unicode_ci LIMIT 1";
Response html_page(std::string body) { return Response{200, "text/html; charset=utf-8", {}, std::move(body)}; }
Response html_error(const std::string& message) { return html_page(render_error_page(message)); }

Response redirect(std::string location) {
  Response r{302, "", {}, ""};
  r.headers.emplace_back("Location", std::move(location));
  return r;
}

// Runs `steps` after validation and authentication; adds the session-clearing cookie.
template <class Steps>
Response pipeline(const Request& req, OAuthDeps* deps, const log::LogContext& ctx,
                  std::variant<Fields, Response> input, Steps steps) {
  if (deps == nullptr) return internal_error_response();
  if (auto* bad = std::get_if<Response>(&input)) return std::move(*bad);
  auto auth = authenticate(req, *deps, ctx);
  if (auto* bad = std::get_if<Response>(&auth)) return std::move(*bad);
  auto& a = std::get<Auth>(auth);
  Response res = steps(std::get<Fields>(input), a);
  if (a.clear_session_cookie) res.headers.emplace_back("Set-Cookie", std::string(kClearSessionCookie));
  return res;
}

std::string shanghai_time(std::int64_t unix) {
  static const auto* zone = date::locate_zone("Asia/Shanghai");
  const date::zoned_seconds z{zone, date::sys_seconds{std::chrono::seconds(unix)}};
  return date::format("%F %T", z);
}

// The registered redirect URI with `code` (and a non-empty `state`) set as
// URLSearchParams.set does: replace the first, drop later duplicates, else append.
std::optional<std::string> redirect_target(std::string_view registered, const std::string& code,
                                           const std::string& state) {
  auto parsed = boost::urls::parse_uri(registered);
  if (!parsed) return std::nullopt;
  boost::urls::url u(*parsed);
  std::vector<std::pair<std::string, std::string>> params;
  if (u.has_query()) {
    for (const auto& p : u.params()) params.emplace_back(p.key, p.has_value ? p.value : "");
  }
  auto set = [&params](const std::string& key, const std::string& value) {
    bool found = false;
    for (auto it = params.begin(); it != params.end();) {
      if (it->first != key) {
        ++it;
      } else if (!found) {
        it->second = value;
        found = true;
        ++it;
      } else {
        it = params.erase(it);
      }
    }
    if (!found) params.emplace_back(key, value);
  };
  set("code", code);
  if (!state.empty()) set("state", state);
  std::string query;
  for (const auto& [k, v] : params) query += (query.empty() ? "" : "&") + form_encode(k) + "=" + form_encode(v);
  u.set_encoded_query(query);
  u.normalize_scheme();
  const auto scheme = u.scheme();
  if (scheme == "http" || scheme == "https" || scheme == "ws" || scheme == "wss") {
    std::string host(u.encoded_host());
    for (auto& c : host) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    u.set_encoded_host(host);
    const bool default_port = (u.port() == "80" && (scheme == "http" || scheme == "ws")) ||
                              (u.port() == "443" && (scheme == "https" || scheme == "wss"));
    if (default_port) u.remove_port();
    if (u.encoded_path().empty()) u.set_path("/");
  }
  return std::string(u.buffer());
}

Response get_authorize(const Request& req, OAuthDeps& deps, const log::LogContext& ctx, const Fields& f, const Auth& auth) {
  if (!auth.login) return redirect("/login?backTo=" + form_encode(req.target));
  if (detail_field(f, "response_type") != "code") return html_error("Invalid response type");
  const auto client_id = detail_field(f, "client_id");
  if (!fits_utf8mb3(client_id)) return html_error("App does not exist");
  auto r = deps.mysql.execute(kClientWithCreator, {client_id});
  if (!r) return detail_failed(ctx, r.error());
  if (r->rows.empty()) return html_error("App does not exist");
  const auto& row = r->rows[0];
  const auto registered = row.optional_text(1).value_or("");
  if (registered.empty()) return html_error("client missing redirect_uri config");
  const auto asked = detail_field(f, "redirect_uri");
  if (!asked.empty() && asked != registered) return html_error("Redirect URI mismatch");
  const auto raw_scope = detail_field(f, "scope");
  const auto scopes = parse_scope(raw_scope);
  if (const auto* bad = std::get_if<std::string>(&scopes)) return html_error("invalid scope: " + json_string(*bad));

  Response res{200, "text/html; charset=utf-8", {}, ""};
  std::string csrf;
  std::map<std::string, std::string, std::less<>> cookies;
  if (const auto* h = req.header("cookie")) cookies = parse_cookies(*h);
  if (auto it = cookies.find("csrf-secret"); it != cookies.end() && deps.signer.unsign(it->second)) {
    csrf = it->second;
  } else {
    csrf = deps.signer.sign(std::to_string(auth.user.uid) + ":" + random_token(30));
    res.headers.emplace_back("Set-Cookie", "csrf-secret=" + csrf + "; Path=/; HttpOnly; Secure; SameSite=Lax");
  }
  ConsentPage page;
  page.app_name = row.text(2);
  page.app_desc = row.text(3);
  page.created_at = shanghai_time(row.i64(4));
  page.creator_username = row.text(5);
  page.creator_nickname = row.text(6);
  page.user_username = auth.user.username;
  page.user_nickname = auth.user.nickname;
  page.avatar_url = "https://" + deps.image_domain + "/pic/user/l/" +
                    (auth.user.avatar.empty() ? std::string("icon.jpg") : auth.user.avatar);
  page.rows = scope_rows(std::get<std::vector<std::string>>(scopes));
  page.csrf_token = csrf;
  page.client_id = row.text(0);
  page.redirect_uri = registered;
  page.state = detail_field(f, "state");
  page.scope = raw_scope;
  res.body = render_consent(page);
  return res;
}

Response post_authorize(const Request& req, OAuthDeps& deps, const log::LogContext& ctx, const Fields& f, const Auth& auth) {
  if (!auth.login) return error_response(401, "NEED_LOGIN", "you need to login before oauth authorize");
  std::map<std::string, std::string, std::less<>> cookies;
  if (const auto* h = req.header("cookie")) cookies = parse_cookies(*h);
  const auto token = detail_field(f, "csrf_token");
  const auto it = cookies.find("csrf-secret");
  const auto unsigned_value = it == cookies.end() ? std::nullopt : deps.signer.unsign(it->second);
  if (it == cookies.end() || !constant_time_equals(token, it->second) || !unsigned_value ||
      unsigned_value->rfind(std::to_string(auth.user.uid) + ":", 0) != 0) {
    return error_response(400, "BAD_REQUEST", "Invalid CSRF token");
  }
  const auto client_id = detail_field(f, "client_id");
  std::optional<std::string> registered;
  bool found = false;
  if (fits_utf8mb3(client_id)) {
    auto r = deps.mysql.execute(kClient, {client_id});
    if (!r) return detail_failed(ctx, r.error());
    if (!r->rows.empty()) {
      found = true;
      registered = r->rows[0].optional_text(1);
    }
  }
  if (!found) return error_response(404, "APP_NONEXISTENCE", "App does not exist");
  const auto scopes = parse_scope(detail_field(f, "scope"));
  if (const auto* bad = std::get_if<std::string>(&scopes)) {
    return error_response(400, "INVALID_SCOPE", "invalid scope: " + json_string(*bad));
  }
  if (!registered || detail_field(f, "redirect_uri") != *registered) {
    return error_response(400, "REDIRECT_URI_MISMATCH", "Redirect URI mismatch");
  }
  const auto code = random_token(30);
  const auto payload = "{\"scope\":" + detail_scope_json(std::get<std::vector<std::string>>(scopes)) +
                       ",\"userID\":" + json_string(std::to_string(auth.user.uid)) + "}";
  if (auto s = deps.redis.command({"SET", "oauth:code:" + code, payload, "EX", std::to_string(kCodeTtl)}); !s) {
    return detail_failed(ctx, s.error());
  }
  auto target = redirect_target(*registered, code, detail_field(f, "state"));
  if (!target) {
    log::error(ctx, "registered redirect_uri is not a valid URL");
    return internal_error_response();
  }
  return redirect(*target);
}

// Header-only authentication errors (auth.md §2 steps 1–2), no database needed.
std::optional<Response> authorization_format(const Request& req) {
  const auto* header = req.header("authorization");
  if (header == nullptr || header->empty()) return std::nullopt;
  if (header->rfind("Bearer ", 0) != 0) {
    return error_response(401, "AUTHORIZATION_INVALID", "authorization header should have \"Bearer ${TOKEN}\" format");
  }
  if (header->size() == 7) return error_response(401, "AUTHORIZATION_INVALID", "authorization header missing token");
  return std::nullopt;
}

template <class Read>
Precheck precheck_with(Read read) {
  return [read](const Request& req) -> std::optional<Response> {
    auto input = read(req);
    if (auto* bad = std::get_if<Response>(&input)) return std::move(*bad);
    return authorization_format(req);
  };
}

}  // namespace

void add_oauth_routes(Router& router, OAuthDeps* deps) {
  static constexpr InputSchema kQuery{"querystring", kAuthorizeQuery};
  static constexpr InputSchema kAuthorize{"body", kAuthorizeBody};
  static constexpr InputSchema kToken{"body", kTokenBody, true};

  router.add({"GET", "/oauth/authorize",
              [deps](const Request& req, const log::LogContext& ctx) {
                return pipeline(req, deps, ctx, read_query(req, kQuery), [&](const Fields& f, const Auth& a) {
                  return get_authorize(req, *deps, ctx, f, a);
                });
              },
              {},
              precheck_with([](const Request& r) { return read_query(r, kQuery); })});
  router.add({"POST", "/oauth/authorize",
              [deps](const Request& req, const log::LogContext& ctx) {
                return pipeline(req, deps, ctx, read_body(req, kAuthorize), [&](const Fields& f, const Auth& a) {
                  return post_authorize(req, *deps, ctx, f, a);
                });
              },
              {},
              precheck_with([](const Request& r) { return read_body(r, kAuthorize); })});
  router.add({"POST", "/oauth/access_token",
              [deps](const Request& req, const log::LogContext& ctx) {
                return pipeline(req, deps, ctx, read_body(req, kToken), [&](const Fields& f, const Auth&) {
                  return detail_field(f, "grant_type") == "authorization_code" ? code_grant(*deps, ctx, f)
                                                                               : refresh_grant(*deps, ctx, f);
                });
              },
              {},
              precheck_with([](const Request& r) { return read_body(r, kToken); })});
  router.add({"GET", "/oauth/health",
              [deps](const Request& req, const log::LogContext& ctx) {
                return pipeline(req, deps, ctx, Fields{}, [](const Fields&, const Auth& a) {
                  return json_response(200, std::string("{\"ok\":true,\"login\":") + (a.login ? "true" : "false") +
                                                ",\"user_id\":" + std::to_string(a.user.uid) + "}");
                });
              },
              {false, "oauth_health", "oauth", "OAuth foundation health endpoint", "HealthResponse",
               {{"401", "Invalid Authorization header, or unknown or expired token"},
                {"500", "Internal error (database or cache unavailable)"}}},
              authorization_format});
  const Router* self = &router;
  router.add({"GET", "/openapi.json",
              [self](const Request&, const log::LogContext&) { return json_response(200, openapi_json(*self, false)); },
              {false, "openapi_json", "oauth", "Generated OpenAPI document", ""}});
}

}  // namespace bgm::api

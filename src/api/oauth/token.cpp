// POST /oauth/access_token: the authorization-code and refresh-token grants
// (oauth.md §7), each in one transaction.

#include <date/date.h>

#include <array>
#include <boost/json.hpp>

#include "bgm/api/codec.hpp"
#include "bgm/api/oauth.hpp"
#include "bgm/common/strings.hpp"
#include "routes_internal.hpp"

namespace bgm::api {
namespace {

constexpr std::int64_t kAccessTokenTtl = 1209600;   // 14 days
constexpr std::int64_t kRefreshTokenTtl = 8035200;  // 93 days
constexpr std::string_view kClientWithApp =
    "SELECT c.client_id, c.client_secret, c.redirect_uri, a.app_name FROM chii_oauth_clients c "
    "JOIN chii_apps a ON c.app_id = a.app_id "
    "WHERE c.client_id = CONVERT(? USING utf8mb3) COLLATE utf8mb3_unicode_ci LIMIT 1";
constexpr std::string_view kInsertAccess =
    "INSERT INTO chii_oauth_access_tokens (type, access_token, client_id, user_id, expires, scope, info) "
    "VALUES (1, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kInsertRefresh =
    "INSERT INTO chii_oauth_refresh_tokens (refresh_token, client_id, user_id, expires, scope) VALUES (?, ?, ?, ?, ?)";
constexpr std::string_view kRefreshLookup =
    "SELECT refresh_token, user_id, scope FROM chii_oauth_refresh_tokens "
    "WHERE refresh_token = CONVERT(? USING utf8mb3) COLLATE utf8mb3_unicode_ci AND expires > ? LIMIT 1 FOR UPDATE";
constexpr std::string_view kExpireRefresh =
    "UPDATE chii_oauth_refresh_tokens SET expires = ? "
    "WHERE refresh_token = CONVERT(? USING utf8mb3) COLLATE utf8mb3_unicode_ci";

std::string token_response(const std::string& access, const std::string& refresh, const std::string& user_json) {
  return "{\"access_token\":" + json_string(access) + ",\"expires_in\":" + std::to_string(kAccessTokenTtl) +
         ",\"token_type\":\"Bearer\",\"refresh_token\":" + json_string(refresh) + ",\"user_id\":" + user_json + "}";
}

std::string iso_millis(Clock::time_point t) {
  return date::format("%FT%T", std::chrono::floor<std::chrono::milliseconds>(t));
}

struct ClientRow {
  std::string client_id;
  std::optional<std::string> secret;
  std::optional<std::string> redirect_uri;
  std::string app_name;
};

// The client and its app; nullopt when there is none.
Result<std::optional<ClientRow>> load_client(db::mysql::Pool& pool, db::mysql::Transaction* tx, const std::string& id) {
  if (!fits_utf8mb3(id)) return std::optional<ClientRow>{};
  auto r = tx != nullptr ? tx->execute(kClientWithApp, {id}) : pool.execute(kClientWithApp, {id});
  if (!r) return r.error();
  if (r->rows.empty()) return std::optional<ClientRow>{};
  const auto& row = r->rows[0];
  return std::optional<ClientRow>{ClientRow{row.text(0), row.optional_text(1), row.optional_text(2), row.text(3)}};
}

// Redirect URI then secret, as both grants check them.
std::optional<Response> check_client(const ClientRow& c, const Fields& f) {
  if (!c.redirect_uri || detail_field(f, "redirect_uri") != *c.redirect_uri) {
    return error_response(400, "REDIRECT_URI_MISMATCH", "Redirect URI mismatch");
  }
  if (!c.secret || !constant_time_equals(detail_field(f, "client_secret"), *c.secret)) {
    return error_response(400, "INVALID_CLIENT_SECRET", "Invalid client secret");
  }
  return std::nullopt;
}

}  // namespace

Response code_grant(OAuthDeps& deps, const log::LogContext& ctx, const Fields& f) {
  const auto code = detail_field(f, "code");
  if (code.empty()) return error_response(400, "MISSING_AUTHORIZATION_CODE", "Authorization code is missing");
  auto client = load_client(deps.mysql, nullptr, detail_field(f, "client_id"));
  if (!client) return detail_failed(ctx, client.error());
  if (!*client) return error_response(404, "APP_NONEXISTENCE", "App does not exist");
  if (auto bad = check_client(**client, f)) return std::move(*bad);
  const auto key = "oauth:code:" + code;
  auto stored = deps.redis.command({"GET", key});
  if (!stored) return detail_failed(ctx, stored.error());
  if (stored->is_nil() || stored->str.empty()) {
    return error_response(400, "INVALID_AUTHORIZATION_CODE", "Invalid authorization code");
  }
  // Codes written by TS ({"scope":[..],"userID":".."}) and by the Rust branch
  // ({"userID":..,"scope":..} or user_id) are all redeemable.
  std::string user_id;
  std::vector<std::string> scopes;
  try {
    const auto v = boost::json::parse(stored->str);
    const auto& o = v.as_object();
    const auto* uid = o.if_contains("userID");
    if (uid == nullptr) uid = o.if_contains("user_id");
    if (uid == nullptr) throw std::runtime_error("no userID");
    user_id = uid->is_string() ? std::string(uid->as_string()) : std::to_string(uid->to_number<std::int64_t>());
    for (const auto& s : o.at("scope").as_array()) scopes.emplace_back(s.as_string());
  } catch (const std::exception& e) {
    log::error(ctx, "authorization code payload is not valid", {{"error", e.what()}});
    return internal_error_response();
  }
  if (auto del = deps.redis.command({"DEL", key}); !del) return detail_failed(ctx, del.error());

  const auto now = deps.clock.now();
  const auto info = "{\"name\":" + json_string((*client)->app_name) + ",\"created_at\":\"" + iso_millis(now) + "Z\"}";
  const auto scope = detail_scope_json(scopes);
  const auto access = random_token(30);
  const auto refresh = random_token(30);
  auto tx = deps.mysql.begin();
  if (!tx) return detail_failed(ctx, tx.error());
  const auto& cid = (*client)->client_id;
  if (auto r = tx->execute(kInsertAccess, {access, cid, user_id, sql_time(now + std::chrono::seconds(kAccessTokenTtl)), scope, info}); !r) {
    return detail_failed(ctx, r.error());
  }
  if (auto r = tx->execute(kInsertRefresh, {refresh, cid, user_id, sql_time(now + std::chrono::seconds(kRefreshTokenTtl)), scope}); !r) {
    return detail_failed(ctx, r.error());
  }
  if (auto r = tx->commit(); !r) return detail_failed(ctx, r.error());
  return json_response(200, token_response(access, refresh, json_string(user_id)));
}

Response refresh_grant(OAuthDeps& deps, const log::LogContext& ctx, const Fields& f) {
  const auto token = detail_field(f, "refresh_token");
  if (token.empty()) return error_response(400, "MISSING_REFRESH_TOKEN", "Refresh token is missing");
  const auto invalid = [] { return error_response(400, "INVALID_REFRESH_TOKEN", "Invalid refresh token or expired"); };
  if (!fits_utf8mb3(token)) return invalid();
  const auto now = deps.clock.now();
  auto tx = deps.mysql.begin();
  if (!tx) return detail_failed(ctx, tx.error());
  auto rows = tx->execute(kRefreshLookup, {token, sql_time(now)});
  if (!rows) return detail_failed(ctx, rows.error());
  const db::mysql::Row* found = nullptr;
  for (const auto& row : rows->rows) {
    if (row.text(0) == token) found = &row;  // exact, case-sensitive match
  }
  if (found == nullptr) return invalid();  // the transaction rolls back
  const auto user_id = found->optional_text(1);
  const auto scope = found->optional_text(2);
  auto client = load_client(deps.mysql, &*tx, detail_field(f, "client_id"));
  if (!client) return detail_failed(ctx, client.error());
  if (!*client) return error_response(400, "INVALID_CLIENT_ID", "Invalid client ID");
  if (auto bad = check_client(**client, f)) return std::move(*bad);

  const auto info = "{\"name\":" + json_string((*client)->app_name) + ",\"created_at\":\"" + iso_millis(now) + "+00:00\"}";
  const auto access = random_token(30);
  const auto refresh = random_token(30);
  const auto& cid = (*client)->client_id;
  const db::mysql::Param uid = user_id ? db::mysql::Param{*user_id} : db::mysql::Param{nullptr};
  const db::mysql::Param sc = scope ? db::mysql::Param{*scope} : db::mysql::Param{nullptr};
  const std::array<db::mysql::Param, 6> access_row{access, cid, uid, sql_time(now + std::chrono::seconds(kAccessTokenTtl)), sc, info};
  if (auto r = tx->execute(kInsertAccess, access_row); !r) return detail_failed(ctx, r.error());
  const std::array<db::mysql::Param, 5> refresh_row{refresh, cid, uid, sql_time(now + std::chrono::seconds(kRefreshTokenTtl)), sc};
  if (auto r = tx->execute(kInsertRefresh, refresh_row); !r) return detail_failed(ctx, r.error());
  if (auto r = tx->execute(kExpireRefresh, {sql_time(now), token}); !r) return detail_failed(ctx, r.error());
  if (auto r = tx->commit(); !r) return detail_failed(ctx, r.error());
  return json_response(200, token_response(access, refresh, user_id ? json_string(*user_id) : "null"));
}

}  // namespace bgm::api

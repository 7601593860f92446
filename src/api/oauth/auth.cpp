// Request authentication (auth.md): Bearer token, legacy chii_auth cookie, session cookie.
//
// Token and session lookups must use the index. The columns are utf8 (mb3) with a
// case-insensitive collation while the connection is utf8mb4, so `col = ? COLLATE
// utf8mb4_bin` (TS) forces a full scan. We convert the parameter to the column's
// character set and collation (the index applies), then compare bytes here, which keeps
// the match exact (case- and trailing-space-sensitive) as in TS.

#include <date/date.h>

#include <charconv>

#include "bgm/api/codec.hpp"
#include "bgm/api/oauth.hpp"
#include "routes_internal.hpp"

namespace bgm::api {
namespace {

constexpr std::string_view kTokenLookup =
    "SELECT access_token, user_id FROM chii_oauth_access_tokens "
    "WHERE access_token = CONVERT(? USING utf8mb3) COLLATE utf8mb3_unicode_ci AND expires > ? LIMIT 1";
constexpr std::string_view kSessionLookup =
    "SELECT `key`, user_id FROM chii_os_web_sessions WHERE `key` = ? AND expired_at > ? LIMIT 1";
constexpr std::string_view kPasswordLookup = "SELECT password_crypt FROM chii_members WHERE uid = ? LIMIT 1";
constexpr std::string_view kUserLookup =
    "SELECT uid, username, nickname, avatar, groupid, regdate FROM chii_members WHERE uid = ? LIMIT 1";

std::optional<std::int64_t> parse_uid(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  std::int64_t v = 0;
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || ptr != s.data() + s.size() || v <= 0) return std::nullopt;
  return v;
}

// Loads the user row; a missing row is a 500, as in TS.
std::variant<Auth, Response> load_user(std::int64_t uid, OAuthDeps& deps, const log::LogContext& ctx) {
  auto r = deps.mysql.execute(kUserLookup, {uid});
  if (!r) return detail_failed(ctx, r.error());
  if (r->rows.empty()) {
    log::error(ctx, "authenticated user does not exist", {{"user_id", uid}});
    return internal_error_response();
  }
  const auto& row = r->rows[0];
  Auth auth;
  auth.login = true;
  auth.user = User{row.i64(0), row.text(1), row.text(2), row.text(3), row.i64(4), row.i64(5)};
  return auth;
}

}  // namespace

bool fits_utf8mb3(std::string_view s) noexcept {
  if (!valid_utf8(s)) return false;
  for (const char c : s) {
    if (static_cast<unsigned char>(c) >= 0xF0) return false;
  }
  return true;
}

std::string sql_time(Clock::time_point t) {
  return date::format("%F %T", std::chrono::floor<std::chrono::seconds>(t));
}

std::variant<Auth, Response> authenticate(const Request& req, OAuthDeps& deps, const log::LogContext& ctx) {
  const auto now = deps.clock.now();
  if (const auto* header = req.header("authorization"); header != nullptr && !header->empty()) {
    if (header->rfind("Bearer ", 0) != 0) {
      return error_response(401, "AUTHORIZATION_INVALID", "authorization header should have \"Bearer ${TOKEN}\" format");
    }
    const auto token = header->substr(7);  // not trimmed, as in TS
    if (token.empty()) return error_response(401, "AUTHORIZATION_INVALID", "authorization header missing token");
    std::optional<std::string> user_id;
    if (fits_utf8mb3(token)) {
      auto r = deps.mysql.execute(kTokenLookup, {token, sql_time(now)});
      if (!r) return detail_failed(ctx, r.error());
      for (const auto& row : r->rows) {
        if (row.text(0) == token) user_id = row.optional_text(1).value_or("");
      }
    }
    if (!user_id) return error_response(401, "TOKEN_INVALID", "can't find access token or it has been expired");
    const auto uid = parse_uid(*user_id);
    if (!uid) {
      log::error(ctx, "access token has no valid user_id");
      return internal_error_response();
    }
    return load_user(*uid, deps, ctx);
  }

  std::map<std::string, std::string, std::less<>> cookies;
  if (const auto* header = req.header("cookie")) cookies = parse_cookies(*header);

  // Legacy PHP cookie first; any failure falls through silently.
  const auto* ua = req.header("user-agent");
  if (auto it = cookies.find("chii_auth"); it != cookies.end() && !it->second.empty() && ua != nullptr && !ua->empty()) {
    const auto plain = authcode_decode(it->second, md5_hex(deps.php_session_secret + *ua));
    const auto tab = plain.find('\t');
    if (tab != std::string::npos) {
      const auto password = plain.substr(0, tab);
      const auto rest = plain.substr(tab + 1);
      const auto uid = parse_uid(rest.substr(0, rest.find('\t')));
      if (!password.empty() && uid) {
        auto r = deps.mysql.execute(kPasswordLookup, {*uid});
        if (!r) return detail_failed(ctx, r.error());
        if (!r->rows.empty() && r->rows[0].text(0) == password) return load_user(*uid, deps, ctx);
      }
    }
  }

  if (auto it = cookies.find("chiiNextSessionID"); it != cookies.end() && !it->second.empty()) {
    const auto& key = it->second;
    std::optional<std::int64_t> uid;
    if (valid_utf8(key)) {
      auto r = deps.mysql.execute(kSessionLookup, {key, unix_seconds(now)});
      if (!r) return detail_failed(ctx, r.error());
      for (const auto& row : r->rows) {
        if (row.text(0) == key) uid = row.i64(1);
      }
    }
    if (uid) return load_user(*uid, deps, ctx);
    Auth anonymous;
    anonymous.clear_session_cookie = true;
    return anonymous;
  }
  return Auth{};
}

}  // namespace bgm::api

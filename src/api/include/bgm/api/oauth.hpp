#pragma once
// The OAuth routes of spec oauth.md/auth.md: GET/POST /oauth/authorize,
// POST /oauth/access_token, GET /oauth/health, GET /openapi.json.

#include <map>
#include <optional>
#include <span>
#include <string>
#include <variant>
#include <vector>

#include "bgm/api/http.hpp"
#include "bgm/api/security.hpp"
#include "bgm/common/clock.hpp"
#include "bgm/db/mysql/client.hpp"
#include "bgm/db/redis/client.hpp"

namespace bgm::api {

struct OAuthDeps {
  db::mysql::Pool& mysql;
  db::redis::Client& redis;
  const Clock& clock;
  CookieSigner signer;
  std::string php_session_secret;
  std::string image_domain;
};

// ---- request input (oauth/input.cpp) ----
using Fields = std::map<std::string, std::string, std::less<>>;
struct FieldSpec {
  std::string_view name;
  bool required;
};
struct InputSchema {
  std::string_view where;  // "querystring" or "body"
  std::span<const FieldSpec> fields;  // property order; required ones in this order too
  bool grant_type_enum = false;
};
// The query string, validated: fields or a 400 REQUEST_VALIDATION_ERROR.
std::variant<Fields, Response> read_query(const Request& req, const InputSchema& schema);
// The body by Content-Type (form or JSON), validated: fields or a 400/415 response.
std::variant<Fields, Response> read_body(const Request& req, const InputSchema& schema);

// ---- authentication (oauth/auth.cpp) ----
struct User {
  std::int64_t uid = 0;
  std::string username;
  std::string nickname;  // as stored (HTML-escaped by the PHP site)
  std::string avatar;
  std::int64_t group_id = 0;
  std::int64_t reg_time = 0;
};
struct Auth {
  bool login = false;
  User user;
  bool clear_session_cookie = false;  // a stale chiiNextSessionID was sent
};
std::variant<Auth, Response> authenticate(const Request& req, OAuthDeps& deps, const log::LogContext& ctx);
inline constexpr std::string_view kClearSessionCookie =
    "chiiNextSessionID=; Max-Age=0; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Lax";

// MariaDB text that cannot match a utf8 (mb3) column: invalid UTF-8 or 4-byte characters.
bool fits_utf8mb3(std::string_view s) noexcept;
// "YYYY-MM-DD HH:MM:SS" in UTC (all connections run with time_zone '+00:00').
std::string sql_time(Clock::time_point t);

// ---- scopes (oauth/scopes.cpp) ----
struct ScopeRow {
  bool write;
  std::string_view text;
};
// The parsed list, or the first invalid part.
std::variant<std::vector<std::string>, std::string> parse_scope(std::string_view input);
std::vector<ScopeRow> scope_rows(const std::vector<std::string>& scopes);

// ---- routes ----
// `deps` may be null when the router only serves the document (export-openapi-json).
void add_oauth_routes(Router& router, OAuthDeps* deps);
// The OpenAPI 3.1 document generated from the documented routes of `router`.
std::string openapi_json(const Router& router, bool pretty);

}  // namespace bgm::api

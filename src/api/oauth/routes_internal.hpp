#pragma once
// Helpers shared by the OAuth route files (private to bgm::api).

#include <string>
#include <string_view>
#include <vector>

#include "bgm/api/oauth.hpp"

namespace bgm::api {

// The field's value, "" when absent.
std::string detail_field(const Fields& f, std::string_view name);
// Logs a database/cache failure and returns the generic 500.
Response detail_failed(const log::LogContext& ctx, const Error& e);
// ["a","b"]
std::string detail_scope_json(const std::vector<std::string>& scopes);

// POST /oauth/access_token grants (oauth.md §7.2, §7.3), in oauth/token.cpp.
Response code_grant(OAuthDeps& deps, const log::LogContext& ctx, const Fields& f);
Response refresh_grant(OAuthDeps& deps, const log::LogContext& ctx, const Fields& f);

}  // namespace bgm::api

// Helpers shared by the OAuth route files.

#include "bgm/common/strings.hpp"
#include "routes_internal.hpp"

namespace bgm::api {

Response detail_failed(const log::LogContext& ctx, const Error& e) {
  log::error(ctx, "database or cache failure", {{"error", e.message}});
  return internal_error_response();
}

std::string detail_field(const Fields& f, std::string_view name) {
  auto it = f.find(name);
  return it == f.end() ? std::string() : it->second;
}

std::string detail_scope_json(const std::vector<std::string>& scopes) {
  std::string out = "[";
  for (std::size_t i = 0; i < scopes.size(); ++i) out += (i ? "," : "") + json_string(scopes[i]);
  return out + "]";
}

}  // namespace bgm::api

// Scopes (oauth.md §8): parsing, defaults and consent-page rows.

#include <array>

#include "bgm/api/oauth.hpp"
#include "bgm/text/json_string.hpp"

namespace bgm::api {
namespace {

struct Scope {
  std::string_view name;
  std::string_view text;
  bool is_default;
};
constexpr std::array<Scope, 8> kScopes{{{"read:collection", "获取用户收藏", true},
                                        {"write:collection", "修改用户收藏", true},
                                        {"read:indices", "读取目录", true},
                                        {"write:indices", "修改目录", true},
                                        {"read:topic", "", false},
                                        {"write:topic", "发帖/回帖", false},
                                        {"read:wiki", "获取维基数据", false},
                                        {"write:wiki", "进行维基编辑", false}}};

const Scope* find_scope(std::string_view name) {
  for (const auto& s : kScopes) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

}  // namespace

std::variant<std::vector<std::string>, std::string> parse_scope(std::string_view input) {
  std::vector<std::string> out;
  if (input.empty()) {
    for (const auto& s : kScopes) {
      if (s.is_default) out.emplace_back(s.name);
    }
    return out;
  }
  std::size_t start = 0;
  while (start <= input.size()) {
    auto comma = input.find(',', start);
    if (comma == std::string_view::npos) comma = input.size();
    const auto part = text::js_trim(input.substr(start, comma - start));
    start = comma + 1;
    if (part.empty()) continue;
    if (find_scope(part) == nullptr) return std::string(part);
    out.emplace_back(part);
  }
  return out;
}

std::vector<ScopeRow> scope_rows(const std::vector<std::string>& scopes) {
  std::vector<std::string_view> resources;
  for (const auto& s : scopes) {
    const auto resource = std::string_view(s).substr(s.find(':') + 1);
    bool seen = false;
    for (auto r : resources) seen = seen || r == resource;
    if (!seen) resources.push_back(resource);
  }
  std::vector<ScopeRow> rows;
  for (auto resource : resources) {
    bool write = false;
    for (const auto& s : scopes) write = write || s == "write:" + std::string(resource);
    const auto* scope = find_scope((write ? "write:" : "read:") + std::string(resource));
    rows.push_back({write, scope != nullptr ? scope->text : std::string_view()});
  }
  return rows;
}

}  // namespace bgm::api

#pragma once
// HTML pages of the OAuth consent flow (oauth.md §4), rendered with mustache; every
// interpolated value goes through html_escape.

#include <string>
#include <vector>

#include "bgm/api/oauth.hpp"

namespace bgm::api {

struct ConsentPage {
  std::string app_name;
  std::string app_desc;
  std::string creator_username;
  std::string creator_nickname;  // as stored; unescaped before rendering
  std::string user_username;
  std::string user_nickname;  // as stored; unescaped before rendering
  std::string avatar_url;
  std::vector<ScopeRow> rows;
  std::string csrf_token;
  std::string client_id;
  std::string redirect_uri;
  std::string state;  // omitted when empty
  std::string scope;
  std::string created_at;  // "YYYY-MM-DD HH:MM:SS" Asia/Shanghai
};

std::string render_consent(const ConsentPage& page);
std::string render_error_page(const std::string& message);

}  // namespace bgm::api

#include "pages.hpp"

#include <kainjow/mustache.hpp>

#include "bgm/api/codec.hpp"

namespace bgm::api {
namespace templates {
extern const std::string_view layout;
extern const std::string_view authorize;
extern const std::string_view error;
}  // namespace templates

namespace {

namespace mst = kainjow::mustache;

std::string render(std::string_view tmpl, const mst::data& data) {
  mst::mustache m{std::string(tmpl)};
  m.set_custom_escape([](const std::string& s) { return html_escape(s); });
  auto out = m.render(data);
  if (!m.is_valid()) throw std::runtime_error("template error: " + m.error_message());
  return out;
}

std::string in_layout(const std::string& content) {
  mst::data d;
  d.set("content", content);
  return render(templates::layout, d);
}

}  // namespace

std::string render_consent(const ConsentPage& p) {
  mst::data d;
  d.set("app_name", p.app_name);
  d.set("app_desc", p.app_desc);
  d.set("creator_username", p.creator_username);
  d.set("creator_nickname", html_unescape_php(p.creator_nickname));
  d.set("user_username", p.user_username);
  d.set("user_nickname", html_unescape_php(p.user_nickname));
  d.set("avatar_url", p.avatar_url);
  mst::data rows{mst::data::type::list};
  for (const auto& r : p.rows) {
    mst::data row;
    row.set("text", std::string(r.text));
    row.set("badge", r.write ? "读写" : "只读");
    rows << row;
  }
  d.set("scopes", rows);
  d.set("csrf_token", p.csrf_token);
  d.set("client_id", p.client_id);
  d.set("redirect_uri", p.redirect_uri);
  d.set("has_state", p.state.empty() ? mst::data(false) : mst::data(true));
  d.set("state", p.state);
  d.set("scope", p.scope);
  d.set("created_at", p.created_at);
  return in_layout(render(templates::authorize, d));
}

std::string render_error_page(const std::string& message) {
  mst::data d;
  d.set("message", message);
  return in_layout(render(templates::error, d));
}

}  // namespace bgm::api

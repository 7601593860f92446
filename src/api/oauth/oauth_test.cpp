// In-memory tests of the OAuth pieces that need no database: scopes, input
// validation messages, HTML escaping of pages, the OpenAPI document.

#include <gtest/gtest.h>

#include "bgm/api/oauth.hpp"
#include "pages.hpp"

namespace bgm::api {
namespace {

std::vector<std::string> scopes(std::string_view in) { return std::get<std::vector<std::string>>(parse_scope(in)); }

TEST(Scopes, ParsingAsSpec) {
  EXPECT_EQ(scopes(""), (std::vector<std::string>{"read:collection", "write:collection", "read:indices", "write:indices"}));
  EXPECT_EQ(scopes("write:wiki, read:wiki ,read:topic"), (std::vector<std::string>{"write:wiki", "read:wiki", "read:topic"}));
  EXPECT_EQ(scopes("read:wiki,,write:topic"), (std::vector<std::string>{"read:wiki", "write:topic"}));
  EXPECT_TRUE(scopes("  ").empty());
  EXPECT_TRUE(scopes(" , ").empty());
  EXPECT_EQ(std::get<std::string>(parse_scope("READ:collection")), "READ:collection");
  EXPECT_EQ(std::get<std::string>(parse_scope("read:wiki,constructor")), "constructor");
}

TEST(Scopes, RowsGroupedPerResource) {
  auto rows = scope_rows(scopes(""));
  ASSERT_EQ(rows.size(), 2U);
  EXPECT_TRUE(rows[0].write);
  EXPECT_EQ(rows[0].text, "修改用户收藏");
  EXPECT_EQ(rows[1].text, "修改目录");
  rows = scope_rows(scopes("write:indices, read:collection"));
  ASSERT_EQ(rows.size(), 2U);
  EXPECT_EQ(rows[0].text, "修改目录");
  EXPECT_FALSE(rows[1].write);
  EXPECT_EQ(rows[1].text, "获取用户收藏");
  rows = scope_rows(scopes("write:wiki, read:wiki, read:topic"));
  ASSERT_EQ(rows.size(), 2U);
  EXPECT_EQ(rows[1].text, "");
  EXPECT_TRUE(scope_rows({}).empty());
}

Request body_request(std::string content_type, std::string body) {
  Request r;
  r.method = "POST";
  if (!content_type.empty()) r.headers.emplace_back("content-type", std::move(content_type));
  r.body = std::move(body);
  return r;
}

constexpr std::array kSpec{FieldSpec{"grant_type", true}, FieldSpec{"client_id", true}, FieldSpec{"client_secret", true},
                           FieldSpec{"redirect_uri", true}, FieldSpec{"code", false}};
constexpr InputSchema kSchema{"body", kSpec, true};

std::string message_of(const std::variant<Fields, Response>& v) {
  const auto& r = std::get<Response>(v);
  return std::to_string(r.status) + " " + r.body;
}

TEST(Input, ValidationMessagesLikeAjv) {
  EXPECT_EQ(message_of(read_body(body_request("application/x-www-form-urlencoded", "client_id=a"), kSchema)),
            R"(400 {"statusCode":400,"code":"REQUEST_VALIDATION_ERROR","error":"Bad Request","message":"body must have required property 'grant_type'"})");
  EXPECT_EQ(message_of(read_body(body_request("application/x-www-form-urlencoded",
                                              "grant_type=password&client_id=a&client_secret=b&redirect_uri=c"),
                                 kSchema)),
            R"(400 {"statusCode":400,"code":"REQUEST_VALIDATION_ERROR","error":"Bad Request","message":"body/grant_type must be equal to constant, body/grant_type must be equal to constant, body/grant_type must match a schema in anyOf"})");
  EXPECT_NE(message_of(read_body(body_request("application/x-www-form-urlencoded",
                                              "grant_type=refresh_token&client_id=a&client_id=b&client_secret=b&redirect_uri=c"),
                                 kSchema))
                .find("body/client_id must be string"),
            std::string::npos);
  EXPECT_NE(message_of(read_body(body_request("", ""), kSchema)).find("body must be object"), std::string::npos);
  EXPECT_NE(message_of(read_body(body_request("text/plain", "x"), kSchema)).find("body must be object"), std::string::npos);
  EXPECT_NE(message_of(read_body(body_request("application/json", "[1]"), kSchema)).find("body must be object"), std::string::npos);
  EXPECT_NE(message_of(read_body(body_request("application/json", ""), kSchema)).find("FST_ERR_CTP_EMPTY_JSON_BODY"), std::string::npos);
}

TEST(Input, UnsupportedMediaTypeAndBadJson) {
  EXPECT_EQ(message_of(read_body(body_request("application/xml", "<a/>"), kSchema)),
            R"(415 {"statusCode":415,"code":"FST_ERR_CTP_INVALID_MEDIA_TYPE","error":"Unsupported Media Type","message":"Unsupported Media Type"})");
  EXPECT_EQ(message_of(read_body(body_request("", "x=1"), kSchema)).substr(0, 3), "415");
  EXPECT_EQ(message_of(read_body(body_request("application/json; charset=UTF-8", "{bad"), kSchema)),
            R"(400 {"statusCode":400,"code":"FST_ERR_CTP_INVALID_JSON_BODY","error":"Bad Request","message":"Body is not valid JSON but content-type is set to 'application/json'"})");
}

TEST(Input, JsonValuesAreCoercedToStrings) {
  auto r = read_body(body_request("application/json",
                                  R"({"grant_type":["authorization_code"],"client_id":12.5,"client_secret":true,"redirect_uri":null,"code":7,"extra":{}})"),
                     kSchema);
  const auto& f = std::get<Fields>(r);
  EXPECT_EQ(f.at("grant_type"), "authorization_code");
  EXPECT_EQ(f.at("client_id"), "12.5");
  EXPECT_EQ(f.at("client_secret"), "true");
  EXPECT_EQ(f.at("redirect_uri"), "");
  EXPECT_EQ(f.at("code"), "7");
  auto obj = read_body(body_request("application/json",
                                    R"({"grant_type":"refresh_token","client_id":{},"client_secret":"s","redirect_uri":"r"})"),
                       kSchema);
  EXPECT_NE(message_of(obj).find("body/client_id must be string"), std::string::npos);
}

TEST(Pages, EverythingIsEscaped) {
  ConsentPage p;
  p.app_name = "<script>alert(1)</script>";
  p.app_desc = "a'b\"c";
  p.creator_nickname = "&lt;b&gt;";  // stored escaped by PHP: shown as <b>, escaped again
  p.state = "x'><img>";
  p.csrf_token = "1:t.s";
  const auto html = render_consent(p);
  EXPECT_EQ(html.find("<script>alert(1)"), std::string::npos);
  EXPECT_NE(html.find("授权 &lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(html.find("a&#39;b&#34;c"), std::string::npos);
  EXPECT_NE(html.find("&lt;b&gt;"), std::string::npos);
  EXPECT_NE(html.find("value='x&#39;&gt;&lt;img&gt;'"), std::string::npos);
  EXPECT_NE(render_error_page("<x>").find("<p>&lt;x&gt;</p>"), std::string::npos);
}

TEST(OpenApi, GeneratedFromTheRouteTable) {
  Router router;
  add_oauth_routes(router, nullptr);
  const auto doc = openapi_json(router, false);
  EXPECT_EQ(doc.rfind(R"({"openapi":"3.1.0","info":{"title":"bangumi-api","version":"0.1.0"},"paths":{"/oauth/health":{"get":{"tags":["oauth"],"operationId":"oauth_health")", 0), 0U) << doc;
  EXPECT_NE(doc.find(R"("/openapi.json":{"get":{"tags":["oauth"],"operationId":"openapi_json","responses":{"200":{"description":"Generated OpenAPI document","content":{"application/json":{"schema":{}}}}}}})"), std::string::npos) << doc;
  EXPECT_NE(doc.find(R"("HealthResponse":{"type":"object","required":["ok","login","user_id"],"properties":{"login":{"type":"boolean"},"ok":{"type":"boolean"},"user_id":{"type":"integer","format":"int64"}}})"), std::string::npos) << doc;
  EXPECT_EQ(doc.find("/oauth/authorize"), std::string::npos);  // hidden, as in TS
  EXPECT_NE(doc.find(R"("401":{"description":"Invalid Authorization header, or unknown or expired token","content":{"application/json":{"schema":{"$ref":"#/components/schemas/ErrorResponse"}}}})"), std::string::npos) << doc;
  EXPECT_NE(doc.find(R"("ErrorResponse":{"type":"object","required":["statusCode","code","error","message"],"properties":{"code":{"type":"string"},"error":{"type":"string"},"message":{"type":"string"},"statusCode":{"type":"integer","format":"int32"}}})"), std::string::npos) << doc;
  const auto pretty = openapi_json(router, true);
  EXPECT_EQ(pretty.rfind("{\n  \"openapi\": \"3.1.0\",\n  \"info\": {\n    \"title\": \"bangumi-api\"", 0), 0U) << pretty;
  EXPECT_NE(pretty.back(), '\n');
}

TEST(RouterTest, UnknownRoutesGetFastifyNotFound) {
  Router router;
  add_oauth_routes(router, nullptr);
  Request r;
  r.method = "PUT";
  r.path = "/oauth/authorize";
  r.target = "/oauth/authorize";
  EXPECT_EQ(router.dispatch(r, {}).body, R"({"message":"Route PUT:/oauth/authorize not found","error":"Not Found","statusCode":404})");
  r.method = "GET";
  r.path = "/oauth/authorize/";
  r.target = "/oauth/authorize/?client_id=a&response_type=code";
  EXPECT_EQ(router.dispatch(r, {}).body,
            R"({"message":"Route GET:/oauth/authorize/?client_id=a&response_type=code not found","error":"Not Found","statusCode":404})");
}

}  // namespace
}  // namespace bgm::api

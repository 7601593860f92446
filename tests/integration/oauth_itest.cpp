// The OAuth routes over real HTTP on a loopback port, against real MariaDB and Redis
// (spec oauth.md, auth.md). The server runs in-process on port 0.

#include <gtest/gtest.h>

#include <regex>
#include <thread>

#include "bgm/api/codec.hpp"
#include "bgm/api/oauth.hpp"
#include "bgm/api/server.hpp"
#include "http_client.hpp"
#include "support.hpp"

namespace bgm::itest {
namespace {

using Headers = std::vector<std::pair<std::string, std::string>>;

// The cookie key of the spec's test vectors: hex "0123456789abcdef" x 4.
const std::string kCookieSecret = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
const std::string kPhpSecret = "default-secret-key-not-safe-in-production";
const std::string kRedirect = "bangumi://oauth/callback";
const std::string kRedirectEnc = "bangumi%3A%2F%2Foauth%2Fcallback";
constexpr std::int64_t kUser = 382951;
constexpr std::int64_t kOtherUser = 4;

class OAuthTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    mysql_ = new db::mysql::Pool(mysql_options());
    redis_ = new db::redis::Client(redis_options());
    seed();
    deps_ = new api::OAuthDeps{*mysql_, *redis_, clock_, api::CookieSigner(api::hex_key(kCookieSecret)), kPhpSecret,
                               "lain.bgm.tv"};
    router_ = new api::Router();
    api::add_oauth_routes(*router_, deps_);
    api::ServerOptions opts;
    opts.host = "127.0.0.1";
    opts.port = 0;
    opts.worker_threads = 4;
    opts.handle_signals = false;
    opts.header_timeout = std::chrono::seconds(2);
    opts.idle_timeout = std::chrono::seconds(2);
    server_ = new api::Server(opts, *router_);
    port_ = server_->listen();
    thread_ = new std::thread([] { server_->run(); });
  }
  static void TearDownTestSuite() {
    server_->stop();
    thread_->join();
    delete thread_;
    delete server_;
    delete router_;
    delete deps_;
    delete redis_;
    delete mysql_;
  }

  static void exec(const std::string& sql, std::initializer_list<db::mysql::Param> params = {}) {
    auto r = mysql_->execute(sql, params);
    ASSERT_TRUE(r) << sql << ": " << r.error().message;
  }

  static void seed() {
    for (const char* t : {"chii_members", "chii_apps", "chii_oauth_clients", "chii_oauth_access_tokens",
                          "chii_oauth_refresh_tokens", "chii_os_web_sessions"}) {
      exec(std::string("DELETE FROM ") + t);
    }
    const std::string bcrypt = "$2a$12$GA5Pr9GhsyLJcSPoTpYBY.JqTzYZb2nfgSeZ1EK38bfgk/Rykkvuq";
    const std::string members =
        "INSERT INTO chii_members (uid, username, nickname, avatar, groupid, regdate, sign, password_crypt, acl) "
        "VALUES (?, ?, ?, ?, 10, 1512262276, '', ?, '')";
    exec(members, {std::int64_t{2}, "2", "nickname 2", "", bcrypt});
    exec(members, {kOtherUser, "4", "nickname 4", "", ""});
    exec(members, {kUser, "382951", "树洞酱 &amp; co", "000/38/29/382951.jpg?r=1571167246", bcrypt});
    const std::string apps =
        "INSERT INTO chii_apps (app_id, app_type, app_creator, app_name, app_desc, app_url, app_is_third_party, "
        "app_collects, app_status, app_timestamp, app_lasttouch, app_ban) VALUES (?, 1, 2, ?, ?, '', 1, 0, 1, 1715828406, 0, 0)";
    exec(apps, {std::int64_t{1}, "Bangumi iOS", "iOS app for Bangumi"});
    exec(apps, {std::int64_t{2}, "<script>alert(1)</script>", "desc with 'quotes' & \"more\""});
    exec(apps, {std::int64_t{3}, "No Redirect", ""});
    const std::string clients =
        "INSERT INTO chii_oauth_clients (app_id, client_id, client_secret, redirect_uri, grant_types, scope, user_id) "
        "VALUES (?, ?, ?, ?, '', '', '2')";
    exec(clients, {std::int64_t{1}, "bgmabcdefg", "abcdefg", kRedirect});
    exec(clients, {std::int64_t{2}, "bgmxss", "s", "https://Example.COM:443/cb?x=a%20b&code=old#frag"});
    exec(clients, {std::int64_t{3}, "bgmnoredirect", "s", nullptr});
    const std::string sessions =
        "INSERT INTO chii_os_web_sessions (`key`, user_id, value, created_at, expired_at) VALUES (?, ?, '{}', 1655657466, ?)";
    exec(sessions, {"dev-session-id", kUser, std::int64_t{2156262266}});
    exec(sessions, {"user-4-session", kOtherUser, std::int64_t{2156262266}});
    exec(sessions, {"expired-session", kUser, std::int64_t{1655657466}});
    const std::string tokens =
        "INSERT INTO chii_oauth_access_tokens (type, access_token, client_id, user_id, expires, scope, info) "
        "VALUES (0, ?, 'test_client_id', ?, ?, NULL, '')";
    exec(tokens, {"a_development_access_token", "382951", "2030-12-21 14:16:28"});
    exec(tokens, {"a_expired_token", "382951", "2020-12-21 14:16:28"});
    exec("INSERT INTO chii_oauth_refresh_tokens (refresh_token, client_id, user_id, expires, scope) VALUES (?, 'bgmabcdefg', '4', '2024-10-01 00:00:00', NULL)",
         {"61x67mIdBKZgJfBUGIox9WJOIuxsu7jpm8WH3BRi"});
  }

  static HttpResult get(const std::string& target, Headers h = {}) { return http_request(port_, "GET", target, h); }
  static HttpResult post(const std::string& target, const std::string& body, Headers h = {},
                         const std::string& type = "application/x-www-form-urlencoded") {
    if (!type.empty()) h.emplace_back("Content-Type", type);
    return http_request(port_, "POST", target, h, body);
  }
  static std::string envelope(unsigned status, const std::string& code, const std::string& message) {
    return api::error_response(status, code, message).body;
  }
  static std::string authorize_target(const std::string& extra = "") {
    return "/oauth/authorize?client_id=bgmabcdefg&response_type=code&redirect_uri=" + kRedirectEnc + extra;
  }
  static std::string token_body(const std::string& grant, const std::string& value, const std::string& secret = "abcdefg",
                                const std::string& client = "bgmabcdefg", const std::string& redirect = kRedirectEnc) {
    const std::string field = grant == "authorization_code" ? "code" : "refresh_token";
    return "grant_type=" + grant + "&" + field + "=" + value + "&client_id=" + client + "&client_secret=" + secret +
           "&redirect_uri=" + redirect;
  }
  // GET the consent page as `session`; returns the csrf token of its form.
  static std::string consent_token(const std::string& session) {
    auto page = get(authorize_target(), {{"Cookie", "chiiNextSessionID=" + session}});
    std::smatch m;
    std::regex re("name='csrf_token' value='([^']*)'");
    EXPECT_TRUE(std::regex_search(page.body, m, re)) << page.body;
    return m.size() > 1 ? m[1].str() : "";
  }
  static std::string authorize_code(const std::string& extra_body = "") {
    const auto token = consent_token("dev-session-id");
    auto res = post("/oauth/authorize", "client_id=bgmabcdefg&redirect_uri=" + kRedirectEnc + "&csrf_token=" +
                                            api::form_encode(token) + extra_body,
                    {{"Cookie", "chiiNextSessionID=dev-session-id; csrf-secret=" + token}});
    EXPECT_EQ(res.status, 302U) << res.body;
    const auto loc = res.header("location");
    const auto at = loc.find("code=");
    return at == std::string::npos ? "" : loc.substr(at + 5, 40);
  }
  static std::int64_t count(const std::string& sql, std::initializer_list<db::mysql::Param> params = {}) {
    auto r = mysql_->execute(sql, params);
    return r ? r->rows.at(0).i64(0) : -1;
  }

  static inline db::mysql::Pool* mysql_ = nullptr;
  static inline db::redis::Client* redis_ = nullptr;
  static inline SystemClock clock_;
  static inline api::OAuthDeps* deps_ = nullptr;
  static inline api::Router* router_ = nullptr;
  static inline api::Server* server_ = nullptr;
  static inline std::thread* thread_ = nullptr;
  static inline unsigned short port_ = 0;
};

TEST_F(OAuthTest, FullFlowFromConsentToRefresh) {
  // 1. consent page with a fresh csrf-secret cookie
  auto page = get(authorize_target("&state=233"), {{"Cookie", "chiiNextSessionID=dev-session-id"}});
  ASSERT_EQ(page.status, 200U) << page.body;
  EXPECT_EQ(page.header("content-type"), "text/html; charset=utf-8");
  const auto cookie = page.header("set-cookie");
  EXPECT_TRUE(std::regex_match(cookie, std::regex(R"re(csrf-secret=382951:[A-Za-z0-9_-]{40}\.[A-Za-z0-9+/]{43}; Path=/; HttpOnly; Secure; SameSite=Lax)re")))
      << cookie;
  const auto token = cookie.substr(12, cookie.find(';') - 12);
  for (const std::string& s : std::vector<std::string>{"授权 Bangumi iOS", "name='csrf_token' value='" + token + "'", "name='client_id' value='bgmabcdefg'",
                        "name='redirect_uri' value='bangumi://oauth/callback'", "name='state' value='233'",
                        "name='scope' value=''", "读取你的账户信息", "修改用户收藏", "修改目录", "应用创建于 2024-05-16 11:00:06",
                        "https://lain.bgm.tv/pic/user/l/000/38/29/382951.jpg?r=1571167246", "nickname 2",
                        "树洞酱 &amp; co", "https://bgm.tv/user/382951"}) {
    EXPECT_NE(page.body.find(s), std::string::npos) << s;
  }
  // Reused cookie: no new Set-Cookie, same token in the form.
  auto again = get(authorize_target(), {{"Cookie", "chiiNextSessionID=dev-session-id; csrf-secret=" + token}});
  EXPECT_EQ(again.headers.count("set-cookie"), 0U);
  EXPECT_NE(again.body.find("value='" + token + "'"), std::string::npos);

  // 2. approve: 302 to the registered URI with code and state; code stored for 60 s
  auto approve = post("/oauth/authorize?ignored=1", "client_id=bgmabcdefg&redirect_uri=" + kRedirectEnc +
                                                         "&state=233&csrf_token=" + api::form_encode(token),
                      {{"Cookie", "chiiNextSessionID=dev-session-id; csrf-secret=" + token}});
  ASSERT_EQ(approve.status, 302U) << approve.body;
  EXPECT_TRUE(approve.body.empty());
  std::smatch m;
  const auto loc = approve.header("location");
  ASSERT_TRUE(std::regex_match(loc, m, std::regex(R"re(bangumi://oauth/callback\?code=([A-Za-z0-9_-]{40})&state=233)re"))) << loc;
  const auto code = m[1].str();
  auto stored = redis_->command({"GET", "oauth:code:" + code});
  EXPECT_EQ(stored->str, R"({"scope":["read:collection","write:collection","read:indices","write:indices"],"userID":"382951"})");
  const auto ttl = redis_->command({"TTL", "oauth:code:" + code})->integer;
  EXPECT_GT(ttl, 0);
  EXPECT_LE(ttl, 60);

  // 3. exchange the code
  auto exchange = post("/oauth/access_token", token_body("authorization_code", code));
  ASSERT_EQ(exchange.status, 200U) << exchange.body;
  ASSERT_TRUE(std::regex_match(exchange.body, m, std::regex(R"re(\{"access_token":"([A-Za-z0-9_-]{40})","expires_in":1209600,"token_type":"Bearer","refresh_token":"([A-Za-z0-9_-]{40})","user_id":"382951"\})re")))
      << exchange.body;
  const auto access = m[1].str();
  const auto refresh = m[2].str();
  EXPECT_TRUE(redis_->command({"GET", "oauth:code:" + code})->is_nil());
  auto row = mysql_->execute(
      "SELECT type, client_id, user_id, scope, info, TIMESTAMPDIFF(SECOND, UTC_TIMESTAMP(), expires) FROM "
      "chii_oauth_access_tokens WHERE access_token = ?",
      {access});
  ASSERT_EQ(row->rows.size(), 1U);
  EXPECT_EQ(row->rows[0].i64(0), 1);
  EXPECT_EQ(row->rows[0].text(1), "bgmabcdefg");
  EXPECT_EQ(row->rows[0].text(2), "382951");
  EXPECT_EQ(row->rows[0].text(3), R"(["read:collection","write:collection","read:indices","write:indices"])");
  EXPECT_TRUE(std::regex_match(row->rows[0].text(4), std::regex(R"re(\{"name":"Bangumi iOS","created_at":"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z"\})re")))
      << row->rows[0].text(4);
  EXPECT_NEAR(static_cast<double>(row->rows[0].i64(5)), 1209600.0, 5.0);
  EXPECT_NEAR(static_cast<double>(count("SELECT TIMESTAMPDIFF(SECOND, UTC_TIMESTAMP(), expires) FROM chii_oauth_refresh_tokens WHERE refresh_token = ?", {refresh})),
              8035200.0, 5.0);
  EXPECT_EQ(post("/oauth/access_token", token_body("authorization_code", code)).body,
            envelope(400, "INVALID_AUTHORIZATION_CODE", "Invalid authorization code"));

  // The new access token authenticates.
  auto health = get("/oauth/health", {{"Authorization", "Bearer " + access}});
  EXPECT_EQ(health.body, R"({"ok":true,"login":true,"user_id":382951})");

  // 4. refresh (JSON body): rotation expires the old refresh token
  auto refreshed = post("/oauth/access_token",
                        R"({"grant_type":"refresh_token","refresh_token":")" + refresh +
                            R"(","client_id":"bgmabcdefg","client_secret":"abcdefg","redirect_uri":"bangumi://oauth/callback"})",
                        {}, "application/json");
  ASSERT_EQ(refreshed.status, 200U) << refreshed.body;
  ASSERT_TRUE(std::regex_match(refreshed.body, m, std::regex(R"re(\{"access_token":"([A-Za-z0-9_-]{40})","expires_in":1209600,"token_type":"Bearer","refresh_token":"([A-Za-z0-9_-]{40})","user_id":"382951"\})re")));
  EXPECT_EQ(count("SELECT COUNT(*) FROM chii_oauth_refresh_tokens WHERE refresh_token = ? AND expires <= UTC_TIMESTAMP()", {refresh}), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM chii_oauth_refresh_tokens WHERE refresh_token = ? AND expires > UTC_TIMESTAMP()", {m[2].str()}), 1);
  auto info = mysql_->execute("SELECT info, scope FROM chii_oauth_access_tokens WHERE access_token = ?", {m[1].str()});
  EXPECT_TRUE(std::regex_match(info->rows.at(0).text(0), std::regex(R"re(\{"name":"Bangumi iOS","created_at":"[-0-9T:.]{23}\+00:00"\})re")));
  EXPECT_EQ(info->rows.at(0).text(1), R"(["read:collection","write:collection","read:indices","write:indices"])");
  EXPECT_EQ(post("/oauth/access_token", token_body("refresh_token", refresh)).body,
            envelope(400, "INVALID_REFRESH_TOKEN", "Invalid refresh token or expired"));
}

TEST_F(OAuthTest, GetAuthorizeErrorsInSpecOrder) {
  const Headers login{{"Cookie", "chiiNextSessionID=dev-session-id"}};
  auto anon = get(authorize_target("&state=233"));
  EXPECT_EQ(anon.status, 302U);
  EXPECT_EQ(anon.header("location"),
            "/login?backTo=%2Foauth%2Fauthorize%3Fclient_id%3Dbgmabcdefg%26response_type%3Dcode%26redirect_uri%3Dbangumi%253A%252F%252Foauth%252Fcallback%26state%3D233");
  auto page_error = [&](const std::string& target, const std::string& message) {
    auto r = get(target, login);
    EXPECT_EQ(r.status, 200U) << target;
    EXPECT_NE(r.body.find("呜咕，出错了"), std::string::npos) << target;
    EXPECT_NE(r.body.find("<p>" + message + "</p>"), std::string::npos) << target << "\n" << r.body;
  };
  page_error("/oauth/authorize?client_id=bgmabcdefg&response_type=token", "Invalid response type");
  page_error("/oauth/authorize?client_id=nope&response_type=code", "App does not exist");
  page_error("/oauth/authorize?client_id=bgmnoredirect&response_type=code", "client missing redirect_uri config");
  page_error("/oauth/authorize?client_id=bgmabcdefg&response_type=code&redirect_uri=https%3A%2F%2Fevil", "Redirect URI mismatch");
  page_error(authorize_target("&scope=read:collection,read:nothing"), "invalid scope: &#34;read:nothing&#34;");
  page_error("/oauth/authorize?client_id=%27%20OR%201%3D1%20--&response_type=code", "App does not exist");
  page_error("/oauth/authorize?client_id=%ZZ&response_type=code", "App does not exist");
  // client_id matches case-insensitively (column collation), as in TS
  EXPECT_NE(get("/oauth/authorize?client_id=BGMABCDEFG&response_type=code", login).body.find("授权 Bangumi iOS"), std::string::npos);

  EXPECT_EQ(get("/oauth/authorize?response_type=code", login).body,
            envelope(400, "REQUEST_VALIDATION_ERROR", "querystring must have required property 'client_id'"));
  EXPECT_EQ(get("/oauth/authorize?client_id=a").body,
            envelope(400, "REQUEST_VALIDATION_ERROR", "querystring must have required property 'response_type'"));
  EXPECT_EQ(get("/oauth/authorize?client_id=a&client_id=b&response_type=code", login).body,
            envelope(400, "REQUEST_VALIDATION_ERROR", "querystring/client_id must be string"));
  auto scoped = get(authorize_target("&scope=write:indices,read:collection"), login);
  EXPECT_NE(scoped.body.find("修改目录</b><span class='badge bg-secondary'>读写"), std::string::npos);
  EXPECT_NE(scoped.body.find("获取用户收藏</b><span class='badge bg-secondary'>只读"), std::string::npos);
}

TEST_F(OAuthTest, AuthenticationErrorsAndSources) {
  const auto target = authorize_target();
  EXPECT_EQ(get(target, {{"Authorization", "Basic eA=="}}).body,
            envelope(401, "AUTHORIZATION_INVALID", "authorization header should have \"Bearer ${TOKEN}\" format"));
  // HTTP parsers (Node's too) strip trailing whitespace from header values: "Bearer " is "Bearer".
  EXPECT_EQ(get(target, {{"Authorization", "Bearer "}}).body,
            envelope(401, "AUTHORIZATION_INVALID", "authorization header should have \"Bearer ${TOKEN}\" format"));
  EXPECT_EQ(get("/oauth/health", {{"Authorization", "Bearer a_expired_token"}}).body,
            envelope(401, "TOKEN_INVALID", "can't find access token or it has been expired"));
  EXPECT_EQ(get("/oauth/health", {{"Authorization", "Bearer A_DEVELOPMENT_ACCESS_TOKEN"}}).status, 401U);
  // The token is not trimmed: "Bearer  x" looks up " x" (as in TS).
  EXPECT_EQ(get("/oauth/health", {{"Authorization", "Bearer  a_development_access_token"}}).status, 401U);
  EXPECT_EQ(get("/oauth/health", {{"Authorization", "Bearer a_development_access_token"}}).body,
            R"({"ok":true,"login":true,"user_id":382951})");
  EXPECT_EQ(post("/oauth/access_token", token_body("refresh_token", "x"), {{"Authorization", "Basic eA=="}}).status, 401U);
  EXPECT_EQ(get("/oauth/health").body, R"({"ok":true,"login":false,"user_id":0})");

  auto stale = get("/oauth/health", {{"Cookie", "chiiNextSessionID=expired-session"}});
  EXPECT_EQ(stale.body, R"({"ok":true,"login":false,"user_id":0})");
  EXPECT_EQ(stale.header("set-cookie"), std::string(api::kClearSessionCookie));

  // Legacy PHP cookie: spec vector 2 authenticates 382951 with its User-Agent only.
  const std::string ua = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36";
  const std::string legacy =
      "chii_auth=MWKoojgZerELnfnAOm6XmU2mFbPjdeILll2boLVxUphRCukTQBC1C2PEeuXm7H7F6UGl5tiEl2EGQ3KFKQRlrDyN2m3vMbl7kHA9";
  EXPECT_EQ(get("/oauth/health", {{"Cookie", legacy}, {"User-Agent", ua}}).body, R"({"ok":true,"login":true,"user_id":382951})");
  EXPECT_EQ(get("/oauth/health", {{"Cookie", legacy}, {"User-Agent", "curl/8.5.0"}}).body,
            R"({"ok":true,"login":false,"user_id":0})");
  // Vector 3 (uid 2) percent-encoded as PHP's setcookie writes it.
  EXPECT_EQ(get("/oauth/health", {{"Cookie", "chii_auth=QfHwwZOGLu0YKVpwjWjdDVGjKDd25NbORip%2B0lf2nufQ8PafloyGIGpnpSBVAnLqcEsjudO7E8iTyoLqCzMqQgHIKgss1A"},
                                  {"User-Agent", "curl/8.5.0"}})
                .body,
            R"({"ok":true,"login":true,"user_id":2})");
}

TEST_F(OAuthTest, CsrfCookieFromTheSpecTestVectorIsAcceptedTamperedIsNot) {
  // Computed independently: spec oauth.md §5.2, first vector (user 4).
  const std::string vector_cookie =
      "4:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.dJ/AyR6GGf6UF+3Zo6D4cPuVNBrHnBqTXkBFZOFAZTQ";
  auto post_as_4 = [&](const std::string& cookie_value, const std::string& form_token) {
    return post("/oauth/authorize", "client_id=bgmabcdefg&redirect_uri=" + kRedirectEnc + "&csrf_token=" + api::form_encode(form_token),
                {{"Cookie", "chiiNextSessionID=user-4-session; csrf-secret=" + cookie_value}});
  };
  EXPECT_EQ(post_as_4(vector_cookie, vector_cookie).status, 302U);
  auto page = get(authorize_target(), {{"Cookie", "chiiNextSessionID=user-4-session; csrf-secret=" + vector_cookie}});
  EXPECT_EQ(page.headers.count("set-cookie"), 0U);
  EXPECT_NE(page.body.find("value='" + vector_cookie + "'"), std::string::npos);

  const auto csrf_error = envelope(400, "BAD_REQUEST", "Invalid CSRF token");
  std::string tampered = vector_cookie;
  tampered[5] = 'B';
  EXPECT_EQ(post_as_4(tampered, tampered).body, csrf_error);
  EXPECT_EQ(post_as_4(vector_cookie, vector_cookie + "x").body, csrf_error);  // form != cookie
  auto no_cookie = post("/oauth/authorize", "client_id=bgmabcdefg&redirect_uri=" + kRedirectEnc + "&csrf_token=" + vector_cookie,
                        {{"Cookie", "chiiNextSessionID=user-4-session"}});
  EXPECT_EQ(no_cookie.body, csrf_error);
  // A valid cookie of another user (4) does not work for 382951.
  auto other = post("/oauth/authorize", "client_id=bgmabcdefg&redirect_uri=" + kRedirectEnc + "&csrf_token=" + api::form_encode(vector_cookie),
                    {{"Cookie", "chiiNextSessionID=dev-session-id; csrf-secret=" + vector_cookie}});
  EXPECT_EQ(other.body, csrf_error);
}

TEST_F(OAuthTest, PostAuthorizeErrorsInSpecOrder) {
  const auto token = consent_token("dev-session-id");
  const Headers h{{"Cookie", "chiiNextSessionID=dev-session-id; csrf-secret=" + token}};
  const auto csrf = "&csrf_token=" + api::form_encode(token);
  EXPECT_EQ(post("/oauth/authorize", "client_id=bgmabcdefg&redirect_uri=x" + csrf).body,
            envelope(401, "NEED_LOGIN", "you need to login before oauth authorize"));
  EXPECT_EQ(post("/oauth/authorize", "client_id=nope&redirect_uri=x" + csrf, h).body,
            envelope(404, "APP_NONEXISTENCE", "App does not exist"));
  EXPECT_EQ(post("/oauth/authorize", "client_id=bgmabcdefg&redirect_uri=x&scope=read:nothing" + csrf, h).body,
            envelope(400, "INVALID_SCOPE", "invalid scope: \"read:nothing\""));
  EXPECT_EQ(post("/oauth/authorize", "client_id=bgmabcdefg&redirect_uri=x" + csrf, h).body,
            envelope(400, "REDIRECT_URI_MISMATCH", "Redirect URI mismatch"));
  EXPECT_EQ(post("/oauth/authorize", "client_id=bgmnoredirect&redirect_uri=" + csrf, h).body,
            envelope(400, "REDIRECT_URI_MISMATCH", "Redirect URI mismatch"));
  EXPECT_EQ(post("/oauth/authorize", "client_id=bgmabcdefg", h).body,
            envelope(400, "REQUEST_VALIDATION_ERROR", "body must have required property 'csrf_token'"));
  // Scope parsed and stored; whitespace-only scope is an empty list.
  auto approve = post("/oauth/authorize", "client_id=bgmabcdefg&redirect_uri=" + kRedirectEnc + "&scope=write:wiki,+read:wiki" + csrf, h);
  ASSERT_EQ(approve.status, 302U);
  const auto code = approve.header("location").substr(approve.header("location").find("code=") + 5, 40);
  EXPECT_EQ(redis_->command({"GET", "oauth:code:" + code})->str, R"({"scope":["write:wiki","read:wiki"],"userID":"382951"})");
  auto blank = post("/oauth/authorize", "client_id=bgmabcdefg&redirect_uri=" + kRedirectEnc + "&scope=+,+" + csrf, h);
  const auto code2 = blank.header("location").substr(blank.header("location").find("code=") + 5, 40);
  EXPECT_EQ(redis_->command({"GET", "oauth:code:" + code2})->str, R"({"scope":[],"userID":"382951"})");
}

TEST_F(OAuthTest, RedirectTargetReplacesCodeAndNormalises) {
  const auto token = consent_token("dev-session-id");
  auto r = post("/oauth/authorize",
                "client_id=bgmxss&redirect_uri=" + api::form_encode("https://Example.COM:443/cb?x=a%20b&code=old#frag") +
                    "&state=" + api::form_encode("s t/ü") + "&csrf_token=" + api::form_encode(token),
                {{"Cookie", "chiiNextSessionID=dev-session-id; csrf-secret=" + token}});
  ASSERT_EQ(r.status, 302U) << r.body;
  EXPECT_TRUE(std::regex_match(r.header("location"),
                               std::regex(R"re(https://example\.com/cb\?x=a\+b&code=[A-Za-z0-9_-]{40}&state=s\+t%2F%C3%BC#frag)re")))
      << r.header("location");
}

TEST_F(OAuthTest, AccessTokenErrorsInSpecOrder) {
  EXPECT_EQ(post("/oauth/access_token", "grant_type=authorization_code&client_id=a&client_secret=b&redirect_uri=c").body,
            envelope(400, "MISSING_AUTHORIZATION_CODE", "Authorization code is missing"));
  EXPECT_EQ(post("/oauth/access_token", "grant_type=refresh_token&client_id=a&client_secret=b&redirect_uri=c&refresh_token=").body,
            envelope(400, "MISSING_REFRESH_TOKEN", "Refresh token is missing"));
  EXPECT_EQ(post("/oauth/access_token", token_body("authorization_code", "nope", "abcdefg", "nope")).body,
            envelope(404, "APP_NONEXISTENCE", "App does not exist"));
  EXPECT_EQ(post("/oauth/access_token", token_body("authorization_code", "nope", "abcdefg", "bgmabcdefg", "x")).body,
            envelope(400, "REDIRECT_URI_MISMATCH", "Redirect URI mismatch"));
  EXPECT_EQ(post("/oauth/access_token", token_body("authorization_code", "nope", "wrong")).body,
            envelope(400, "INVALID_CLIENT_SECRET", "Invalid client secret"));
  EXPECT_EQ(post("/oauth/access_token", token_body("authorization_code", "nope")).body,
            envelope(400, "INVALID_AUTHORIZATION_CODE", "Invalid authorization code"));
  EXPECT_EQ(post("/oauth/access_token", "grant_type=password&client_id=a&client_secret=b&redirect_uri=c").body,
            envelope(400, "REQUEST_VALIDATION_ERROR",
                     "body/grant_type must be equal to constant, body/grant_type must be equal to constant, body/grant_type must match a schema in anyOf"));
  EXPECT_EQ(post("/oauth/access_token", "client_id=a").body,
            envelope(400, "REQUEST_VALIDATION_ERROR", "body must have required property 'grant_type'"));
  // Refresh: the token is checked first, then the client.
  EXPECT_EQ(post("/oauth/access_token", token_body("refresh_token", "61x67mIdBKZgJfBUGIox9WJOIuxsu7jpm8WH3BRi")).body,
            envelope(400, "INVALID_REFRESH_TOKEN", "Invalid refresh token or expired"));
  const auto code = authorize_code();
  auto exchange = post("/oauth/access_token", token_body("authorization_code", code));
  ASSERT_EQ(exchange.status, 200U);
  const auto refresh = exchange.body.substr(exchange.body.find("\"refresh_token\":\"") + 17, 40);
  std::string upper = refresh;
  for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (upper != refresh) {
    EXPECT_EQ(post("/oauth/access_token", token_body("refresh_token", upper)).body,
              envelope(400, "INVALID_REFRESH_TOKEN", "Invalid refresh token or expired"));
  }
  EXPECT_EQ(post("/oauth/access_token", token_body("refresh_token", refresh, "abcdefg", "nope")).body,
            envelope(400, "INVALID_CLIENT_ID", "Invalid client ID"));
  EXPECT_EQ(post("/oauth/access_token", token_body("refresh_token", refresh, "abcdefg", "bgmabcdefg", "x")).body,
            envelope(400, "REDIRECT_URI_MISMATCH", "Redirect URI mismatch"));
  EXPECT_EQ(post("/oauth/access_token", token_body("refresh_token", refresh, "wrong")).body,
            envelope(400, "INVALID_CLIENT_SECRET", "Invalid client secret"));
  // The failed attempts rolled back: the token still works once.
  EXPECT_EQ(post("/oauth/access_token", token_body("refresh_token", refresh)).status, 200U);
}

TEST_F(OAuthTest, CodesWrittenByOtherImplementationsAreRedeemable) {
  ASSERT_TRUE(redis_->command({"SET", "oauth:code:rust-style", R"({"userID":"4","scope":["read:wiki"]})", "EX", "60"}));
  auto r = post("/oauth/access_token", token_body("authorization_code", "rust-style"));
  ASSERT_EQ(r.status, 200U) << r.body;
  EXPECT_NE(r.body.find(R"("user_id":"4")"), std::string::npos);
}

TEST_F(OAuthTest, MalformedInputGetsAClear4xx) {
  EXPECT_EQ(post("/oauth/access_token", std::string(2 * 1024 * 1024, 'a')).status, 413U);
  EXPECT_EQ(post("/oauth/access_token", "grant_type=x", {}, "").body,
            R"({"statusCode":415,"code":"FST_ERR_CTP_INVALID_MEDIA_TYPE","error":"Unsupported Media Type","message":"Unsupported Media Type"})");
  EXPECT_EQ(post("/oauth/access_token", "{bad", {}, "application/json").status, 400U);
  EXPECT_EQ(post("/oauth/access_token", "", {}, "application/json").body,
            envelope(400, "FST_ERR_CTP_EMPTY_JSON_BODY", "Body cannot be empty when content-type is set to 'application/json'"));
  auto utf8 = post("/oauth/access_token", token_body("authorization_code", "%FF%FE", "abcdefg", "%C3%28"));
  EXPECT_EQ(utf8.status, 404U) << utf8.body;
  auto sqlish = post("/oauth/access_token", token_body("authorization_code", "x", "abcdefg", "%27%20OR%20%271%27%3D%271"));
  EXPECT_EQ(sqlish.body, envelope(404, "APP_NONEXISTENCE", "App does not exist"));
  auto emoji = post("/oauth/access_token", token_body("refresh_token", "%F0%9F%98%80"));
  EXPECT_EQ(emoji.body, envelope(400, "INVALID_REFRESH_TOKEN", "Invalid refresh token or expired"));
  EXPECT_EQ(http_request(port_, "PUT", "/oauth/authorize").body,
            R"({"message":"Route PUT:/oauth/authorize not found","error":"Not Found","statusCode":404})");
  auto head = http_request(port_, "HEAD", authorize_target(), {{"Cookie", "chiiNextSessionID=dev-session-id"}});
  EXPECT_EQ(head.status, 200U);
  EXPECT_TRUE(head.body.empty());
}

TEST_F(OAuthTest, AppNamesRenderInert) {
  auto page = get("/oauth/authorize?client_id=bgmxss&response_type=code", {{"Cookie", "chiiNextSessionID=dev-session-id"}});
  ASSERT_EQ(page.status, 200U);
  EXPECT_EQ(page.body.find("<script>alert(1)</script>"), std::string::npos);
  EXPECT_NE(page.body.find("授权 &lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(page.body.find("desc with &#39;quotes&#39; &amp; &#34;more&#34;"), std::string::npos);
}

TEST_F(OAuthTest, TokenLookupsUseTheIndex) {
  auto explain = [](const std::string& sql) {
    auto r = mysql_->execute("EXPLAIN " + sql, {"a_development_access_token", "2026-01-01 00:00:00"});
    EXPECT_TRUE(r) << r.error().message;
    return r->rows.at(0).optional_text(5).value_or("NULL") + " type=" + r->rows.at(0).optional_text(3).value_or("NULL");
  };
  EXPECT_EQ(explain("SELECT access_token, user_id FROM chii_oauth_access_tokens WHERE access_token = CONVERT(? USING utf8mb3) "
                    "COLLATE utf8mb3_unicode_ci AND expires > ? LIMIT 1"),
            "access_token type=const");
  exec("INSERT INTO chii_oauth_refresh_tokens (refresh_token, client_id, user_id, expires, scope) VALUES ('a_development_access_token', 'c', '1', '2030-01-01 00:00:00', NULL)");
  EXPECT_EQ(explain("SELECT refresh_token FROM chii_oauth_refresh_tokens WHERE refresh_token = CONVERT(? USING utf8mb3) "
                    "COLLATE utf8mb3_unicode_ci AND expires > ? LIMIT 1 FOR UPDATE"),
            "PRIMARY type=const");
  exec("DELETE FROM chii_oauth_refresh_tokens WHERE refresh_token = 'a_development_access_token'");
}

TEST_F(OAuthTest, OpenApiDocumentIsServed) {
  auto doc = get("/openapi.json");
  EXPECT_EQ(doc.status, 200U);
  EXPECT_EQ(doc.body, api::openapi_json(*router_, false));
  EXPECT_EQ(doc.body.rfind(R"({"openapi":"3.1.0")", 0), 0U);
}

// Reads until the server closes the connection; returns the seconds it took.
double seconds_until_closed(unsigned short port, const std::string& send) {
  boost::asio::io_context io;
  boost::asio::ip::tcp::socket sock(io);
  sock.connect({boost::asio::ip::make_address("127.0.0.1"), port});
  if (!send.empty()) boost::asio::write(sock, boost::asio::buffer(send));
  const auto start = std::chrono::steady_clock::now();
  char buf[256];
  boost::system::error_code ec;
  while (!ec) sock.read_some(boost::asio::buffer(buf), ec);
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

TEST_F(OAuthTest, SlowHeadersAndIdleConnectionsAreClosed) {
  // A header that never completes (slowloris) and a connection that never sends.
  const double slow = seconds_until_closed(port_, "GET /oauth/health HTTP/1.1\r\nHost: x\r\n");
  const double idle = seconds_until_closed(port_, "");
  EXPECT_GE(slow, 1.5);
  EXPECT_LT(slow, 10.0);
  EXPECT_GE(idle, 1.5);
  EXPECT_LT(idle, 10.0);
  EXPECT_EQ(get("/oauth/health").status, 200U);  // the server is still serving
}

// A port that was free a moment ago (the kernel picks it), for a child process.
unsigned short free_port() {
  boost::asio::io_context io;
  boost::asio::ip::tcp::acceptor a(io, {boost::asio::ip::make_address("127.0.0.1"), 0});
  return a.local_endpoint().port();
}

TEST(ServerProcess, StopsCleanlyOnSigterm) {
  const auto r = run_until_sigterm("server run", "server listening", "HOST=127.0.0.1 PORT=" + std::to_string(free_port()));
  const auto& log = r.err;
  EXPECT_EQ(r.exit_code, 0) << log;
  EXPECT_NE(log.find("server listening"), std::string::npos) << log;
  EXPECT_NE(log.find("stopping: no new connections"), std::string::npos) << log;
  EXPECT_NE(log.find("server stopped"), std::string::npos) << log;
}

TEST_F(OAuthTest, RedisAndMysqlOutagesAre500sAndRecover) {
  const char* port = std::getenv("BGM_TEST_REDIS_PORT");
  const char* dir = std::getenv("BGM_TEST_REDIS_DIR");
  ASSERT_TRUE(port && dir) << "run through scripts/test.sh";
  const auto internal = api::internal_error_response().body;
  const std::string redis_cli = std::string("redis-cli -p ") + port;
  ASSERT_EQ(std::system((redis_cli + " shutdown nosave >/dev/null 2>&1; sleep 0.3").c_str()), 0);
  const auto token = consent_token("dev-session-id");
  auto down = post("/oauth/authorize", "client_id=bgmabcdefg&redirect_uri=" + kRedirectEnc + "&csrf_token=" + api::form_encode(token),
                   {{"Cookie", "chiiNextSessionID=dev-session-id; csrf-secret=" + token}});
  EXPECT_EQ(down.status, 500U);
  EXPECT_EQ(down.body, internal);
  ASSERT_EQ(std::system((std::string("redis-server --daemonize yes --bind 127.0.0.1 --port ") + port +
                         " --save '' --appendonly no --dir " + dir + " >/dev/null && sleep 0.5")
                            .c_str()),
            0);
  EXPECT_EQ(authorize_code().size(), 40U);  // same server process, Redis is back

  ASSERT_EQ(std::system("service mariadb stop >/dev/null 2>&1"), 0);
  auto db_down = get("/oauth/health", {{"Authorization", "Bearer a_development_access_token"}});
  ASSERT_EQ(std::system("service mariadb start >/dev/null 2>&1"), 0);
  EXPECT_EQ(db_down.status, 500U);
  EXPECT_EQ(db_down.body, internal);
  EXPECT_EQ(get("/oauth/health", {{"Authorization", "Bearer a_development_access_token"}}).body,
            R"({"ok":true,"login":true,"user_id":382951})");
}

}  // namespace
}  // namespace bgm::itest

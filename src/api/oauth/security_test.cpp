#include "bgm/api/security.hpp"

#include <gtest/gtest.h>

#include "bgm/api/codec.hpp"

namespace bgm::api {
namespace {

std::string repeat(std::string_view s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

TEST(CookieSigner, SpecTestVectors) {
  const CookieSigner a(hex_key(repeat("0123456789abcdef", 4)));
  EXPECT_EQ(a.key_size(), 32U);
  EXPECT_EQ(a.sign("4:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"),
            "4:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.dJ/AyR6GGf6UF+3Zo6D4cPuVNBrHnBqTXkBFZOFAZTQ");
  EXPECT_EQ(a.sign("382951:Zm9vYmFyYmF6cXV4cXV1eHF1dXhxdXV4cXV1eHF1"),
            "382951:Zm9vYmFyYmF6cXV4cXV1eHF1dXhxdXV4cXV1eHF1.toz6E7t0tpUyjEsSm81kkNbpc6bK8DdPS7DDthFGry0");
  EXPECT_EQ(a.sign("1:test"), "1:test.7wgJsXxghXwEVcIJtMmbq3e2qebF6Hlx8KIj9irO8iE");
  const CookieSigner b(hex_key(repeat("00112233445566778899aabbccddeeff", 2)));
  EXPECT_EQ(b.sign("4:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"),
            "4:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.k3fQdsSYiUAG3GLyxd+EMU0ft2jUUffWIl607tNjiGQ");
  const CookieSigner empty(hex_key("insecure-cookie-secret-token-change-me-in-production"));
  EXPECT_EQ(empty.key_size(), 0U);
  EXPECT_EQ(empty.sign("4:x"), "4:x.DwlenSAkFxRZt5MJDlWMVYl2+sBxGcv8rUw59yqe2LI");
}

TEST(CookieSigner, UnsignAcceptsOnlyExactSignatures) {
  const CookieSigner s(hex_key(repeat("0123456789abcdef", 4)));
  EXPECT_EQ(s.unsign("1:test.7wgJsXxghXwEVcIJtMmbq3e2qebF6Hlx8KIj9irO8iE"), "1:test");
  EXPECT_FALSE(s.unsign("1:test.7wgJsXxghXwEVcIJtMmbq3e2qebF6Hlx8KIj9irO8iF"));
  EXPECT_FALSE(s.unsign("2:test.7wgJsXxghXwEVcIJtMmbq3e2qebF6Hlx8KIj9irO8iE"));
  EXPECT_FALSE(s.unsign("1:test"));
  EXPECT_FALSE(s.unsign("1:test.7wgJsXxghXwEVcIJtMmbq3e2qebF6Hlx8KIj9irO8i"));
}

TEST(HexKey, NodeSemantics) {
  EXPECT_EQ(hex_key("abcdeX0011"), std::string("\xab\xcd", 2));
  EXPECT_EQ(hex_key("abc"), std::string("\xab", 1));
  EXPECT_EQ(hex_key("zz00"), "");
}

TEST(Authcode, SpecTestVectors) {
  EXPECT_EQ(authcode_decode("Uh/B5TnaFQvC1z13opA6", "testing-key-unsafe-to-use-in-production"), "abcdefg");
  const std::string secret = "default-secret-key-not-safe-in-production";
  const std::string pw = "$2a$12$GA5Pr9GhsyLJcSPoTpYBY.JqTzYZb2nfgSeZ1EK38bfgk/Rykkvuq";
  const std::string ua2 = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36";
  EXPECT_EQ(md5_hex(secret + ua2), "cb16fc6e426573af3dc9461a8d16c6eb");
  EXPECT_EQ(authcode_decode("MWKoojgZerELnfnAOm6XmU2mFbPjdeILll2boLVxUphRCukTQBC1C2PEeuXm7H7F6UGl5tiEl2EGQ3KFKQRlrDyN2m3vMbl7kHA9",
                            md5_hex(secret + ua2)),
            pw + "\t382951");
  EXPECT_EQ(authcode_decode("QfHwwZOGLu0YKVpwjWjdDVGjKDd25NbORip+0lf2nufQ8PafloyGIGpnpSBVAnLqcEsjudO7E8iTyoLqCzMqQgHIKgss1A",
                            md5_hex(secret + "curl/8.5.0")),
            pw + "\t2");
  const auto k4 = md5_hex("my-php-secretTestAgent/1.0");
  EXPECT_EQ(authcode_decode("U0JzHTT1zY7V4cdjxA", k4), "abc\t1");
  EXPECT_EQ(authcode_decode("U0JzHTT1zY7V4cdjxA==", k4), "abc\t1");
  EXPECT_EQ(authcode_decode("U0JzHTT1zY7V4cdjxA", md5_hex("my-php-secretOther")), "");
  EXPECT_EQ(authcode_encode("abc\t1", k4), "U0JzHTT1zY7V4cdjxA");
  EXPECT_EQ(authcode_decode("", k4), "");
  EXPECT_EQ(authcode_decode("!!!", k4), "");
}

TEST(Codec, QueryParsingLikeFastify) {
  const auto p = parse_query("a=1&b=x+y&c=%E4%BD%A0&d=%ZZ&a=2&e&f=%FF&=v");
  EXPECT_EQ(p.at("a"), (std::vector<std::string>{"1", "2"}));
  EXPECT_EQ(p.at("b"), (std::vector<std::string>{"x y"}));
  EXPECT_EQ(p.at("c"), (std::vector<std::string>{"你"}));
  EXPECT_EQ(p.at("d"), (std::vector<std::string>{"%ZZ"}));
  EXPECT_EQ(p.at("e"), (std::vector<std::string>{""}));
  EXPECT_EQ(p.at("f"), (std::vector<std::string>{"%FF"}));
}

TEST(Codec, CookiesFirstWinsAndDecode) {
  const auto c = parse_cookies("a=%E4%BD%A0; a=second; b=\"q\"; c=%ZZ;noeq; \td = x y \t");
  EXPECT_EQ(c.at("a"), "你");
  EXPECT_EQ(c.at("b"), "\"q\"");
  EXPECT_EQ(c.at("c"), "%ZZ");
  EXPECT_EQ(c.at("d"), "x y");
  EXPECT_EQ(c.count("noeq"), 0U);
}

TEST(Codec, FormEncodeLikeUrlSearchParams) {
  EXPECT_EQ(form_encode("/oauth/authorize?client_id=bgmabcdefg&response_type=code&redirect_uri=bangumi%3A%2F%2Foauth%2Fcallback&state=233"),
            "%2Foauth%2Fauthorize%3Fclient_id%3Dbgmabcdefg%26response_type%3Dcode%26redirect_uri%3Dbangumi%253A%252F%252Foauth%252Fcallback%26state%3D233");
  EXPECT_EQ(form_encode("a b~'!()*-._:,+ü"), "a+b%7E%27%21%28%29*-._%3A%2C%2B%C3%BC");
}

TEST(Codec, HtmlEscapeAndPhpUnescape) {
  EXPECT_EQ(html_escape("<script>alert('x\")&</script>"), "&lt;script&gt;alert(&#39;x&#34;)&amp;&lt;/script&gt;");
  EXPECT_EQ(html_unescape_php("a &amp;lt; b &quot;c&quot; &#39;d&#39; &gt;"), "a &lt; b \"c\" 'd' >");
}

TEST(Codec, TokensAreFortyBase64UrlCharacters) {
  const auto a = random_token();
  const auto b = random_token();
  EXPECT_EQ(a.size(), 40U);
  EXPECT_NE(a, b);
  EXPECT_EQ(a.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"), std::string::npos);
}

}  // namespace
}  // namespace bgm::api

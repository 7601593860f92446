#pragma once
// Wire-level text codecs with the exact behaviour of the TypeScript stack (Fastify's
// querystring, @fastify/cookie, URLSearchParams), spec oauth.md §1.2, §3.2, §5.3.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bgm::api {

// name -> every value in order (a repeated name has several).
using Params = std::map<std::string, std::vector<std::string>, std::less<>>;

// `a=1&b=x+y&c=%E4%BD%A0`: '+' is a space; %XX decoded as UTF-8; an escape that does
// not decode (bad hex, or invalid UTF-8) leaves that value undecoded.
Params parse_query(std::string_view query);

// Cookie header: split on ';', trim spaces/tabs, first occurrence wins, values with '%'
// percent-decoded (kept raw when that fails); quotes are not removed.
std::map<std::string, std::string, std::less<>> parse_cookies(std::string_view header);

// application/x-www-form-urlencoded serialisation (URLSearchParams): A–Z a–z 0–9 * - . _
// kept, space -> '+', every other byte -> %XX (upper-case hex).
std::string form_encode(std::string_view s);

// HTML escaping of the TS templates: & < > " ' -> &amp; &lt; &gt; &#34; &#39;
std::string html_escape(std::string_view s);
// The reverse of the PHP site's nickname escaping: &amp; &lt; &gt; &quot; &#39;
std::string html_unescape_php(std::string_view s);

bool valid_utf8(std::string_view s) noexcept;
// 0–15 for a hex digit (either case), -1 otherwise.
int hex_value(char c) noexcept;

// Standard base64 without padding, base64url without padding.
std::string base64_nopad(std::string_view bytes);
std::string base64url_nopad(std::string_view bytes);
// `n` bytes from the CSPRNG as base64url (30 bytes -> 40 characters).
std::string random_token(std::size_t n = 30);

}  // namespace bgm::api

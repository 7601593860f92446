#pragma once
// CSRF cookie signing compatible with @fastify/cookie (oauth.md §5.2) and the legacy
// PHP "authcode" cipher of the chii_auth cookie (auth.md §4.2).

#include <optional>
#include <string>
#include <string_view>

namespace bgm::api {

// Node's Buffer.from(secret, 'hex'): pairs left to right, stop at the first non-hex pair.
std::string hex_key(std::string_view secret);

class CookieSigner {
 public:
  explicit CookieSigner(std::string key) : key_(std::move(key)) {}
  // value + "." + base64(HMAC-SHA256(key, value)) without '='
  std::string sign(std::string_view value) const;
  // The value before the last '.', when the signature verifies (constant time).
  std::optional<std::string> unsign(std::string_view signed_value) const;
  std::size_t key_size() const noexcept { return key_.size(); }

 private:
  std::string key_;
};

std::string md5_hex(std::string_view data);

// Discuz authcode decode: "" when the text does not verify.
std::string authcode_decode(std::string_view text, std::string_view key_material);
// The PHP-side encoder, for tests and tools only.
std::string authcode_encode(std::string_view plain, std::string_view key_material);

}  // namespace bgm::api

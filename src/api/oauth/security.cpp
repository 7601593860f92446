#include "bgm/api/security.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <array>

#include "bgm/api/codec.hpp"

namespace bgm::api {
namespace {

// Node's lenient base64: both alphabets, other characters skipped, stop at '=',
// a trailing incomplete group of one character dropped.
std::string lenient_base64_decode(std::string_view s) {
  std::string out;
  std::uint32_t acc = 0;
  int bits = 0;
  for (const char c : s) {
    int v = -1;
    if (c >= 'A' && c <= 'Z') v = c - 'A';
    else if (c >= 'a' && c <= 'z') v = c - 'a' + 26;
    else if (c >= '0' && c <= '9') v = c - '0' + 52;
    else if (c == '+' || c == '-') v = 62;
    else if (c == '/' || c == '_') v = 63;
    else if (c == '=') break;
    if (v < 0) continue;
    acc = (acc << 6) | static_cast<std::uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((acc >> bits) & 0xFF));
    }
  }
  return out;
}

// RC4 with the 32-character text key, as the PHP authcode does.
std::string rc4(std::string_view data, std::string_view key) {
  std::array<unsigned, 256> box{};
  for (unsigned i = 0; i < 256; ++i) box[i] = i;
  unsigned j = 0;
  for (unsigned i = 0; i < 256; ++i) {
    j = (j + box[i] + static_cast<unsigned char>(key[i % key.size()])) % 256;
    std::swap(box[i], box[j]);
  }
  std::string out(data.size(), '\0');
  unsigned a = 0;
  j = 0;
  for (std::size_t k = 0; k < data.size(); ++k) {
    a = (a + 1) % 256;
    j = (j + box[a]) % 256;
    std::swap(box[a], box[j]);
    out[k] = static_cast<char>(static_cast<unsigned char>(data[k]) ^ box[(box[a] + box[j]) % 256]);
  }
  return out;
}

}  // namespace

std::string hex_key(std::string_view secret) {
  std::string out;
  for (std::size_t i = 0; i + 1 < secret.size(); i += 2) {
    const int hi = hex_value(secret[i]);
    const int lo = hex_value(secret[i + 1]);
    if (hi < 0 || lo < 0) break;
    out.push_back(static_cast<char>(hi * 16 + lo));
  }
  return out;
}

std::string CookieSigner::sign(std::string_view value) const {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned len = 0;
  HMAC(EVP_sha256(), key_.data(), static_cast<int>(key_.size()), reinterpret_cast<const unsigned char*>(value.data()),
       value.size(), mac, &len);
  return std::string(value) + "." + base64_nopad(std::string_view(reinterpret_cast<const char*>(mac), len));
}

std::optional<std::string> CookieSigner::unsign(std::string_view signed_value) const {
  const auto dot = signed_value.rfind('.');
  if (dot == std::string_view::npos) return std::nullopt;
  const auto value = signed_value.substr(0, dot);
  const auto expected = sign(value);
  const auto given = signed_value;
  if (expected.size() != given.size() || CRYPTO_memcmp(expected.data(), given.data(), given.size()) != 0) {
    return std::nullopt;
  }
  return std::string(value);
}

std::string md5_hex(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned len = 0;
  EVP_Digest(data.data(), data.size(), digest, &len, EVP_md5(), nullptr);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned i = 0; i < len; ++i) {
    out.push_back(kHex[digest[i] >> 4]);
    out.push_back(kHex[digest[i] & 0xF]);
  }
  return out;
}

std::string authcode_decode(std::string_view text, std::string_view key_material) {
  const auto key = md5_hex(key_material);
  const auto plain = rc4(lenient_base64_decode(text), key);
  if (plain.size() < 8) return {};
  const auto payload = std::string_view(plain).substr(8);
  // TS hashes the payload as UTF-8 of widened bytes, so bytes >= 0x80 never verify.
  for (const char c : payload) {
    if (static_cast<unsigned char>(c) >= 0x80) return {};
  }
  const auto check = md5_hex(std::string(payload) + key).substr(0, 8);
  if (CRYPTO_memcmp(check.data(), plain.data(), 8) != 0) return {};
  return std::string(payload);
}

std::string authcode_encode(std::string_view plain, std::string_view key_material) {
  const auto key = md5_hex(key_material);
  const auto data = md5_hex(std::string(plain) + key).substr(0, 8) + std::string(plain);
  return base64_nopad(rc4(data, key));
}

}  // namespace bgm::api

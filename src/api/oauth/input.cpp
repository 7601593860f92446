// Query/body parsing and validation with Fastify + ajv messages (oauth.md §1.2, §1.3, §2.2).

#include <boost/json.hpp>
#include <charconv>
#include <cmath>

#include "bgm/api/codec.hpp"
#include "bgm/api/oauth.hpp"

namespace bgm::api {
namespace {

// A raw field: its string value, or absent-as-string (array/object → "must be string").
struct Raw {
  bool is_string = true;
  std::string value;
};
// Few fields per request: a flat vector beats a map (no node allocations).
using RawFields = std::vector<std::pair<std::string, Raw>>;

Raw* find_raw(RawFields& raw, std::string_view name) {
  for (auto& [k, v] : raw) {
    if (k == name) return &v;
  }
  return nullptr;
}

Response validation_error(std::string message) {
  return error_response(400, "REQUEST_VALIDATION_ERROR", message);
}

RawFields from_params(Params&& params) {
  RawFields out;
  out.reserve(params.size());
  for (auto& [k, values] : params) {
    out.emplace_back(k, values.size() == 1 ? Raw{true, std::move(values.front())} : Raw{false, {}});
  }
  return out;
}

// Number -> String as JavaScript prints it: fixed notation for 1e-7 <= |x| < 1e21,
// else exponent form like "1.5e-8" / "1e+21"; always the shortest round-trip digits.
std::string js_number(double d) {
  char buf[64];
  const double a = std::fabs(d);
  if (a == 0 || (a >= 1e-7 && a < 1e21)) {
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::fixed);
    return ec == std::errc() ? std::string(buf, end) : "0";
  }
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific);
  std::string s(buf, ec == std::errc() ? end : buf);
  const auto e = s.find('e');
  if (e == std::string::npos) return s;
  std::string mantissa = s.substr(0, e);
  std::string exp = s.substr(e + 1);
  const char sign = exp.front() == '-' ? '-' : '+';
  exp.erase(0, exp.find_first_not_of("+-"));
  exp.erase(0, std::min(exp.find_first_not_of('0'), exp.size() - 1));
  return mantissa + "e" + sign + exp;
}

std::string number_text(const boost::json::value& v) {
  if (v.is_int64()) return std::to_string(v.as_int64());
  if (v.is_uint64()) return std::to_string(v.as_uint64());
  return js_number(v.as_double());
}

// ajv coerceTypes for a string property.
Raw coerce(const boost::json::value& v) {
  switch (v.kind()) {
    case boost::json::kind::string: return {true, std::string(v.as_string())};
    case boost::json::kind::bool_: return {true, v.as_bool() ? "true" : "false"};
    case boost::json::kind::null: return {true, ""};
    case boost::json::kind::int64:
    case boost::json::kind::uint64:
    case boost::json::kind::double_: return {true, number_text(v)};
    case boost::json::kind::array:
      if (v.as_array().size() == 1 && !v.as_array()[0].is_array() && !v.as_array()[0].is_object()) {
        return coerce(v.as_array()[0]);
      }
      return {false, {}};
    default: return {false, {}};
  }
}

std::variant<Fields, Response> validate(RawFields&& raw, const InputSchema& schema) {
  const std::string where(schema.where);
  for (const auto& f : schema.fields) {
    if (f.required && find_raw(raw, f.name) == nullptr) {
      return validation_error(where + " must have required property '" + std::string(f.name) + "'");
    }
  }
  Fields out;
  for (const auto& f : schema.fields) {
    auto* it = find_raw(raw, f.name);
    if (it == nullptr) continue;
    if (schema.grant_type_enum && f.name == "grant_type" &&
        (!it->is_string || (it->value != "authorization_code" && it->value != "refresh_token"))) {
      const auto part = where + "/grant_type must be equal to constant";
      return validation_error(part + ", " + part + ", " + where + "/grant_type must match a schema in anyOf");
    }
    if (!it->is_string) return validation_error(where + "/" + std::string(f.name) + " must be string");
    out.emplace(std::string(f.name), std::move(it->value));
  }
  return out;
}

std::string media_type(const Request& req) {
  const auto* ct = req.header("content-type");
  if (ct == nullptr) return {};
  std::string t = ct->substr(0, ct->find(';'));
  while (!t.empty() && (t.back() == ' ' || t.back() == '\t')) t.pop_back();
  while (!t.empty() && (t.front() == ' ' || t.front() == '\t')) t.erase(t.begin());
  for (auto& c : t) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return t;
}

Response unsupported_media_type() {
  return json_response(
      415,
      R"({"statusCode":415,"code":"FST_ERR_CTP_INVALID_MEDIA_TYPE","error":"Unsupported Media Type","message":"Unsupported Media Type"})");
}

}  // namespace

std::variant<Fields, Response> read_query(const Request& req, const InputSchema& schema) {
  return validate(from_params(parse_query(req.query)), schema);
}

std::variant<Fields, Response> read_body(const Request& req, const InputSchema& schema) {
  const auto type = media_type(req);
  const std::string body_must_be_object = std::string(schema.where) + " must be object";
  if (type.empty()) {
    if (req.body.empty()) return validation_error(body_must_be_object);
    return unsupported_media_type();
  }
  if (type == "application/x-www-form-urlencoded") {
    return validate(from_params(parse_query(req.body)), schema);
  }
  if (type == "application/json") {
    if (req.body.empty()) {
      return error_response(400, "FST_ERR_CTP_EMPTY_JSON_BODY",
                            "Body cannot be empty when content-type is set to 'application/json'");
    }
    boost::system::error_code ec;
    const auto value = boost::json::parse(req.body, ec);
    if (ec) {
      return error_response(400, "FST_ERR_CTP_INVALID_JSON_BODY",
                            "Body is not valid JSON but content-type is set to 'application/json'");
    }
    if (!value.is_object()) return validation_error(body_must_be_object);
    RawFields raw;
    // Object keys are unique here: like JSON.parse, the parser keeps a duplicate's last value.
    for (const auto& [k, v] : value.as_object()) raw.emplace_back(std::string(k), coerce(v));
    return validate(std::move(raw), schema);
  }
  if (type == "text/plain") return validation_error(body_must_be_object);
  return unsupported_media_type();
}

}  // namespace bgm::api

// OpenAPI 3.1 document generated from the documented routes of the router and the
// schema table below (oauth.md §9). Keys of paths and properties are sorted.

#include <array>
#include <boost/json.hpp>
#include <map>

#include "bgm/api/oauth.hpp"

namespace bgm::api {
namespace {

namespace json = boost::json;

struct Property {
  std::string_view name;
  std::string_view type;
  std::string_view format;  // "" when none
};
struct SchemaDef {
  std::string_view name;
  std::span<const Property> properties;  // also the order of `required`
};

constexpr std::array kAuthContext{Property{"user_id", "integer", "int64"}, Property{"login", "boolean", ""},
                                  Property{"group_id", "integer", "int32"}, Property{"reg_time", "integer", "int64"},
                                  Property{"source", "integer", "int32"}};
constexpr std::array kHealth{Property{"ok", "boolean", ""}, Property{"login", "boolean", ""},
                             Property{"user_id", "integer", "int64"}};
constexpr std::array kError{Property{"statusCode", "integer", "int32"}, Property{"code", "string", ""},
                            Property{"error", "string", ""}, Property{"message", "string", ""}};
constexpr std::array kSchemas{SchemaDef{"AuthContext", kAuthContext}, SchemaDef{"ErrorResponse", kError},
                              SchemaDef{"HealthResponse", kHealth}};

json::object schema_json(const SchemaDef& def) {
  json::array required;
  std::map<std::string, json::object> props;  // sorted
  for (const auto& p : def.properties) {
    required.emplace_back(p.name);
    json::object prop{{"type", p.type}};
    if (!p.format.empty()) prop["format"] = p.format;
    props[std::string(p.name)] = std::move(prop);
  }
  json::object properties;
  for (auto& [k, v] : props) properties[k] = std::move(v);
  return json::object{{"type", "object"}, {"required", std::move(required)}, {"properties", std::move(properties)}};
}

void pretty(std::string& out, const json::value& v, int indent) {
  const std::string pad(static_cast<std::size_t>(indent + 2), ' ');
  const std::string end_pad(static_cast<std::size_t>(indent), ' ');
  if (v.is_object()) {
    const auto& o = v.as_object();
    if (o.empty()) {
      out += "{}";
      return;
    }
    out += "{\n";
    bool first = true;
    for (const auto& [k, val] : o) {
      if (!first) out += ",\n";
      first = false;
      out += pad + json::serialize(json::value(k)) + ": ";
      pretty(out, val, indent + 2);
    }
    out += "\n" + end_pad + "}";
  } else if (v.is_array()) {
    const auto& a = v.as_array();
    if (a.empty()) {
      out += "[]";
      return;
    }
    out += "[\n";
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (i > 0) out += ",\n";
      out += pad;
      pretty(out, a[i], indent + 2);
    }
    out += "\n" + end_pad + "]";
  } else {
    out += json::serialize(v);
  }
}

}  // namespace

std::string openapi_json(const Router& router, bool as_pretty) {
  std::map<std::string, std::map<std::string, json::object>> paths;  // sorted paths, then methods
  for (const auto& r : router.routes()) {
    if (r.doc.hidden) continue;
    json::object schema;
    if (!r.doc.response_schema_ref.empty()) schema["$ref"] = "#/components/schemas/" + r.doc.response_schema_ref;
    json::object ok{{"description", r.doc.response_description},
                    {"content", json::object{{"application/json", json::object{{"schema", std::move(schema)}}}}}};
    json::object responses{{"200", std::move(ok)}};
    for (const auto& [status, description] : r.doc.errors) {
      responses[status] = json::object{
          {"description", description},
          {"content", json::object{{"application/json",
                                    json::object{{"schema", json::object{{"$ref", "#/components/schemas/ErrorResponse"}}}}}}}};
    }
    std::string method = r.method;
    for (auto& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    paths[r.path][method] = json::object{{"tags", json::array{json::value(r.doc.tag)}},
                                         {"operationId", r.doc.operation_id},
                                         {"responses", std::move(responses)}};
  }
  json::object paths_json;
  for (auto& [path, methods] : paths) {
    json::object m;
    for (auto& [method, op] : methods) m[method] = std::move(op);
    paths_json[path] = std::move(m);
  }
  json::object schemas;
  for (const auto& s : kSchemas) schemas[s.name] = schema_json(s);
  const json::value doc = json::object{
      {"openapi", "3.1.0"},
      {"info", json::object{{"title", "bangumi-api"}, {"version", "0.1.0"}}},
      {"paths", std::move(paths_json)},
      {"components", json::object{{"schemas", std::move(schemas)}}},
      {"tags", json::array{json::object{{"name", "oauth"}, {"description", "OAuth migration foundation routes"}}}}};
  if (!as_pretty) return json::serialize(doc);
  std::string out;
  pretty(out, doc, 0);
  return out;
}

}  // namespace bgm::api

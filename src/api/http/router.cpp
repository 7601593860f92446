#include <array>

#include "bgm/api/http.hpp"
#include "bgm/common/strings.hpp"
#include "bgm/text/json_string.hpp"

namespace bgm::api {

const std::string* Request::header(std::string_view name) const {
  for (const auto& [k, v] : headers) {
    if (k == name) return &v;
  }
  return nullptr;
}

std::string_view reason_phrase(unsigned status) {
  switch (status) {
    case 200: return "OK";
    case 302: return "Found";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 408: return "Request Timeout";
    case 413: return "Payload Too Large";
    case 415: return "Unsupported Media Type";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    default: return "Unknown";
  }
}

Response json_response(unsigned status, std::string body) {
  return Response{status, "application/json; charset=utf-8", {}, std::move(body)};
}

Response error_response(unsigned status, std::string_view code, std::string_view message) {
  std::string body;
  body.reserve(80 + code.size() + message.size());
  body += "{\"statusCode\":";
  body += std::to_string(status);
  body += ",\"code\":";
  text::append_json_string(body, code);
  body += ",\"error\":";
  text::append_json_string(body, reason_phrase(status));
  body += ",\"message\":";
  text::append_json_string(body, message);
  body += '}';
  return json_response(status, std::move(body));
}

Response internal_error_response() {
  return json_response(
      500, R"({"error":"Internal Server Error","message":"internal error, please contact admin","statusCode":500})");
}

const Route* Router::find(const Request& req) const {
  const std::string_view method = req.method == "HEAD" ? std::string_view("GET") : std::string_view(req.method);
  for (const auto& r : routes_) {
    if (r.method == method && r.path == req.path) return &r;
  }
  return nullptr;
}

const std::string& Router::route_name(const Request& req) const {
  static const std::string kUnmatched = "unmatched";
  const auto* r = find(req);
  return r ? r->name : kUnmatched;
}

namespace {
Response not_found(const Request& req) {
  return json_response(404, "{\"message\":" + json_string("Route " + req.method + ":" + req.target + " not found") +
                                ",\"error\":\"Not Found\",\"statusCode\":404}");
}
}  // namespace

std::optional<Response> Router::precheck(const Request& req) const {
  const auto* r = find(req);
  if (r == nullptr) return not_found(req);
  if (!r->precheck) return std::nullopt;
  try {
    return r->precheck(req);
  } catch (const std::exception&) {
    return std::nullopt;  // the handler reports it
  }
}

Response Router::dispatch(const Request& req, const log::LogContext& ctx) const {
  const auto* r = find(req);
  if (r == nullptr) return not_found(req);
  try {
    return r->handler(req, ctx);
  } catch (const std::exception& e) {
    log::error(ctx, "handler failed", {{"error", e.what()}});
    return internal_error_response();
  }
}

}  // namespace bgm::api

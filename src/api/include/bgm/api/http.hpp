#pragma once
// Transport-neutral request/response values and the route table. Handlers are plain
// functions Request -> Response, run on a bounded worker pool (they may block on
// MariaDB/Redis); the event loop never runs them.

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "bgm/common/log.hpp"

namespace bgm::api {

struct Request {
  std::string method;  // "GET", "POST", ...
  std::string target;  // raw request target, query included
  std::string path;
  std::string query;   // after '?', raw
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased, in order
  std::string body;
  std::string request_id;

  // The first header with this (lower-case) name.
  const std::string* header(std::string_view name) const;
};

struct Response {
  unsigned status = 200;
  std::string content_type;
  std::vector<std::pair<std::string, std::string>> headers;  // extra headers (Location, Set-Cookie)
  std::string body;
};

std::string_view reason_phrase(unsigned status);

// {"statusCode":N,"code":C,"error":<reason>,"message":M}
Response error_response(unsigned status, std::string_view code, std::string_view message);
// {"error":"Internal Server Error","message":"internal error, please contact admin","statusCode":500}
Response internal_error_response();
Response json_response(unsigned status, std::string body);

using Handler = std::function<Response(const Request&, const log::LogContext&)>;
// A pure, non-blocking first stage run on the I/O thread (input validation, header
// checks): a response ends the request there; nullopt passes it to the handler.
using Precheck = std::function<std::optional<Response>(const Request&)>;

// OpenAPI metadata of a route; hidden routes are not documented.
struct RouteDoc {
  bool hidden = true;
  std::string operation_id;
  std::string tag;
  std::string response_description;
  std::string response_schema_ref;  // "" → {} (any)
  // Error responses (status, description), each with the ErrorResponse envelope schema.
  std::vector<std::pair<std::string, std::string>> errors = {};
};

struct Route {
  std::string method;
  std::string path;
  Handler handler;
  RouteDoc doc;
  Precheck precheck = {};
  std::string name = {};  // "METHOD /path", set by Router::add
};

class Router {
 public:
  void add(Route route) {
    route.name = route.method + " " + route.path;
    routes_.push_back(std::move(route));
  }
  // HEAD is served by the GET route without a body. Unknown path/method → Fastify 404.
  Response dispatch(const Request& req, const log::LogContext& ctx) const;
  // The answer when it needs no blocking work (unknown route, failed precheck).
  std::optional<Response> precheck(const Request& req) const;
  const std::vector<Route>& routes() const noexcept { return routes_; }
  // The route name for logs ("GET /oauth/authorize" or "unmatched").
  const std::string& route_name(const Request& req) const;

 private:
  const Route* find(const Request& req) const;
  std::vector<Route> routes_;
};

}  // namespace bgm::api

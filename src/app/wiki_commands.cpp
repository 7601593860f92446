// `wiki parse [FILE]`, `wiki parse --batch`, `wiki stringify [FILE]` (issue: CLI
// contract of @bgm38/wiki's JSON shapes).

#include <boost/json.hpp>

#include <fstream>
#include <iostream>
#include <sstream>

#include "bgm/text/json_string.hpp"
#include "bgm/wiki/wiki.hpp"
#include "cli.hpp"

namespace bgm::app {
namespace {

// Reads FILE, or stdin when FILE is empty or "-". Throws FatalError when unreadable.
std::string read_input(const std::string& file) {
  std::ostringstream ss;
  if (file.empty() || file == "-") {
    ss << std::cin.rdbuf();
    return ss.str();
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) throw FatalError(invalid_input("cannot read " + file));
  ss << in.rdbuf();
  if (in.bad()) throw FatalError(invalid_input("cannot read " + file));
  return ss.str();
}

int parse_one(const std::string& file) {
  const auto text = read_input(file);
  wiki::Parser parser;
  wiki::WikiView view;
  std::string out;
  int rc = 0;
  if (auto err = parser.parse(text, view)) {
    out += "{\"error\":";
    wiki::append_error_json(out, *err);
    out += "}";
    rc = 1;
  } else {
    wiki::append_json(out, view);
  }
  out.push_back('\n');
  std::cout << out;
  return rc;
}

void append_input_error(std::string& out, std::size_t line_no, std::string_view problem) {
  out += "{\"error\":{\"message\":";
  text::append_json_string(out, "invalid input line " + std::to_string(line_no) + ": " + std::string(problem));
  out += ",\"lino\":null,\"line\":null}}\n";
}

// One JSON string per input line, one JSON line out per input line, in order.
int parse_batch() {
  wiki::Parser parser;
  wiki::WikiView view;
  boost::json::monotonic_resource mr;
  boost::json::parse_options opts;
  std::string line;
  std::string out;
  std::size_t line_no = 0;
  while (std::getline(std::cin, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    boost::system::error_code ec;
    auto value = boost::json::parse(line, ec, &mr, opts);
    if (ec) {
      append_input_error(out, line_no, "not valid JSON (" + ec.message() + ")");
    } else if (!value.is_string()) {
      append_input_error(out, line_no, "expected a JSON string holding the wiki text");
    } else {
      const auto& s = value.as_string();
      if (auto err = parser.parse(std::string_view(s.data(), s.size()), view)) {
        out += "{\"error\":";
        wiki::append_error_json(out, *err);
        out += "}\n";
      } else {
        out += "{\"wiki\":";
        wiki::append_json(out, view);
        out += "}\n";
      }
    }
    if (out.size() > (1U << 16)) {
      std::cout << out;
      out.clear();
    }
  }
  std::cout << out << std::flush;
  return 0;
}

std::string string_member(const boost::json::object& o, std::string_view name, std::string_view where,
                          bool required) {
  const auto* v = o.if_contains(name);
  if (v == nullptr) {
    if (required) throw FatalError(invalid_input(std::string(where) + ": missing \"" + std::string(name) + "\""));
    return {};
  }
  if (!v->is_string()) {
    throw FatalError(invalid_input(std::string(where) + ": \"" + std::string(name) + "\" must be a string"));
  }
  return std::string(v->as_string());
}

// The JSON shape `wiki parse` prints, back into a Wiki. Throws FatalError on a bad shape.
wiki::Wiki wiki_from_json(const boost::json::value& root) {
  if (!root.is_object()) throw FatalError(invalid_input("wiki JSON: expected an object {\"type\",\"data\"}"));
  const auto& obj = root.as_object();
  wiki::Wiki w;
  w.type = string_member(obj, "type", "wiki JSON", false);
  const auto* data = obj.if_contains("data");
  if (data == nullptr || !data->is_array()) throw FatalError(invalid_input("wiki JSON: \"data\" must be an array"));
  std::size_t i = 0;
  for (const auto& fv : data->as_array()) {
    const auto where = "wiki JSON: data[" + std::to_string(i++) + "]";
    if (!fv.is_object()) throw FatalError(invalid_input(where + ": expected an object"));
    const auto& f = fv.as_object();
    wiki::Field field;
    field.key = string_member(f, "key", where, true);
    const auto* array = f.if_contains("array");
    field.array = array != nullptr && array->is_bool() && array->as_bool();
    if (field.array) {
      const auto* values = f.if_contains("values");
      if (values == nullptr || !values->is_array()) throw FatalError(invalid_input(where + ": \"values\" must be an array"));
      std::size_t k = 0;
      for (const auto& iv : values->as_array()) {
        const auto item_where = where + ".values[" + std::to_string(k++) + "]";
        if (!iv.is_object()) throw FatalError(invalid_input(item_where + ": expected an object"));
        field.values.push_back({string_member(iv.as_object(), "k", item_where, false),
                                string_member(iv.as_object(), "v", item_where, false)});
      }
    } else {
      field.value = string_member(f, "value", where, false);
    }
    w.fields.push_back(std::move(field));
  }
  return w;
}

int stringify_one(const std::string& file) {
  const auto input = read_input(file);
  boost::system::error_code ec;
  auto value = boost::json::parse(input, ec);
  if (ec) throw FatalError(invalid_input("wiki JSON: not valid JSON (" + ec.message() + ")"));
  // Accept the batch form {"wiki": {...}} as well as the bare parse result.
  if (value.is_object() && value.as_object().contains("wiki")) value = value.as_object().at("wiki");
  std::cout << wiki::stringify(wiki_from_json(value)) << "\n";
  return 0;
}

}  // namespace

void add_wiki_commands(CLI::App& app, Action& action) {
  auto* group = app.add_subcommand("wiki", "Bangumi infobox (wiki) parser, identical to @bgm38/wiki");
  group->require_subcommand(1);

  auto* parse = group->add_subcommand("parse", "Parse wiki text (FILE or stdin) and print the result as JSON");
  auto file = std::make_shared<std::string>();
  auto batch = std::make_shared<bool>(false);
  parse->add_option("FILE", *file, "Input file; stdin when absent or -");
  parse->add_flag("--batch", *batch, "JSON Lines on stdin: one JSON string per line, one result line out per line");
  parse->callback([&action, file, batch] {
    action = [file, batch] {
      if (*batch && !file->empty() && *file != "-") {
        throw FatalError(invalid_input("--batch reads stdin; do not pass FILE"));
      }
      return *batch ? parse_batch() : parse_one(*file);
    };
  });

  auto* stringify = group->add_subcommand("stringify", "Read the JSON that `wiki parse` prints and write wiki text");
  auto sfile = std::make_shared<std::string>();
  stringify->add_option("FILE", *sfile, "Input file; stdin when absent or -");
  stringify->callback([&action, sfile] { action = [sfile] { return stringify_one(*sfile); }; });
}

}  // namespace bgm::app

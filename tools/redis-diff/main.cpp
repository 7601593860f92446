// redis-diff: snapshot a Redis database and diff two snapshots.
//   redis-diff snapshot --uri redis://127.0.0.1:6379/0 [--match 'tml:*'] -o before.snap
//   redis-diff diff before.snap after.snap      (exit 0: same, 1: different, 2: error)

#include <CLI/CLI.hpp>

#include <fstream>
#include <iostream>
#include <sstream>

#include "bgm/config/config.hpp"
#include "bgm/tools/redis_diff.hpp"

namespace {

int fail(const std::string& msg) {
  std::cerr << "Error: " << msg << "\n";
  return 2;
}

std::string read_file(const std::string& path, bool& ok) {
  std::ifstream in(path, std::ios::binary);
  ok = static_cast<bool>(in);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"redis-diff: snapshot a Redis database and compare two snapshots", "redis-diff"};
  app.require_subcommand(1);
  std::string uri = "redis://127.0.0.1:6379/0";
  std::string match = "*";
  std::string output = "-";
  auto* snap = app.add_subcommand("snapshot", "Write every key (type, TTL presence, value) of a database");
  snap->add_option("--uri", uri, "redis://[user[:password]@]host[:port][/db]")->capture_default_str();
  snap->add_option("--match", match, "Only keys matching this SCAN pattern")->capture_default_str();
  snap->add_option("-o,--output", output, "Output file, - for stdout")->capture_default_str();
  std::string before;
  std::string after;
  auto* d = app.add_subcommand("diff", "Compare two snapshots: + added, - removed, ~ changed");
  d->add_option("BEFORE", before)->required();
  d->add_option("AFTER", after)->required();
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }

  if (snap->parsed()) {
    auto parsed = bgm::config::parse_redis_uri(uri);
    if (!parsed) return fail("--uri " + parsed.error().message);
    bgm::db::redis::Options opts;
    opts.uri = *parsed;
    bgm::db::redis::Client client(opts);
    auto s = bgm::tools::take_snapshot(client, match);
    if (!s) return fail(s.error().message);
    const auto text = bgm::tools::serialize(*s);
    if (output == "-") {
      std::cout << text;
    } else {
      std::ofstream out(output, std::ios::binary);
      out << text;
      if (!out) return fail("cannot write " + output);
    }
    std::cerr << s->size() << " keys\n";
    return 0;
  }
  bool ok_a = false;
  bool ok_b = false;
  const auto text_a = read_file(before, ok_a);
  const auto text_b = read_file(after, ok_b);
  if (!ok_a) return fail("cannot read " + before);
  if (!ok_b) return fail("cannot read " + after);
  auto a = bgm::tools::deserialize(text_a);
  if (!a) return fail(before + ": " + a.error().message);
  auto b = bgm::tools::deserialize(text_b);
  if (!b) return fail(after + ": " + b.error().message);
  const auto lines = bgm::tools::diff(*a, *b);
  for (const auto& l : lines) std::cout << l << "\n";
  return lines.empty() ? 0 : 1;
}

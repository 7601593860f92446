// Wiki parser throughput: a generated corpus of realistic infoboxes (subject and
// person shapes, 10–40 fields, arrays, Chinese and Japanese text) and, when
// BGM_WIKI_CORPUS names a JSON Lines file, that real corpus (read at run time).
// Reports bytes/s, infoboxes/s and heap allocations per operation.

#include <benchmark/benchmark.h>

#include <atomic>
#include <boost/json.hpp>
#include <cstdlib>
#include <fstream>
#include <new>
#include <random>
#include <string>
#include <vector>

#include "bgm/wiki/wiki.hpp"

namespace {
std::atomic<std::size_t> g_allocs{0};
}  // namespace

// Counts every heap allocation of the process (the benchmark loop is single-threaded).
void* operator new(std::size_t n) {
  g_allocs.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(n == 0 ? 1 : n)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }

namespace {

using bgm::wiki::Parser;
using bgm::wiki::WikiView;

const std::vector<std::string>& words() {
  static const std::vector<std::string> w{
      "某动画", "魔法少女", "とある科学の超電磁砲", "京都アニメーション", "株式会社", "第一季", "新海诚", "宫崎骏",
      "Mizuki Nana", "TV", "Blu-ray", "2024年4月6日", "12", "Sony Music", "原作", "监督", "脚本", "音乐",
      "キャラクターデザイン", "アニメーション制作", "http://example.com/official", "¥3,000", "日本", "女", "声優",
      "1980年1月21日", "O型", "161cm", "東京都", "歌手", "《钢之炼金术师》", "Production I.G"};
  return w;
}

std::string phrase(std::mt19937& rng, int n) {
  std::uniform_int_distribution<std::size_t> pick(0, words().size() - 1);
  std::string s;
  for (int i = 0; i < n; ++i) {
    if (i > 0) s += (rng() % 3 == 0) ? "、" : " ";
    s += words()[pick(rng)];
  }
  return s;
}

std::vector<std::string> generated_corpus(std::size_t count) {
  static const char* kTypes[] = {"animanga/TVAnime", "animanga/Manga", "Album", "Game", "TV", "Person", "Crt"};
  static const char* kKeys[] = {"中文名", "别名", "话数", "放送开始", "放送星期", "官方网站", "播放电视台", "其他电视台",
                                "播放结束", "原作", "导演", "脚本", "分镜", "演出", "音乐", "人物设定", "系列构成",
                                "美术监督", "色彩设计", "总作画监督", "作画监督", "摄影监督", "制作", "动画制作",
                                "性别", "生日", "血型", "身高", "体重", "引用来源", "出版社", "价格", "发售日",
                                "ISBN", "页数", "平台", "开发", "发行", "游戏类型", "游玩人数"};
  std::mt19937 rng(20261204);  // fixed seed: the same corpus every run
  std::vector<std::string> out;
  out.reserve(count);
  for (std::size_t n = 0; n < count; ++n) {
    std::string w = "{{Infobox ";
    w += kTypes[rng() % 7];
    const int fields = 10 + static_cast<int>(rng() % 31);
    for (int f = 0; f < fields; ++f) {
      w += "\n|";
      w += kKeys[rng() % 40];
      if (rng() % 6 == 0) {
        w += "={";
        const int items = 1 + static_cast<int>(rng() % 5);
        for (int i = 0; i < items; ++i) {
          w += "\n[";
          if (rng() % 2 == 0) w += phrase(rng, 1) + "|";
          w += phrase(rng, 1 + static_cast<int>(rng() % 2)) + "]";
        }
        w += "\n}";
      } else {
        w += (rng() % 2 == 0) ? "= " : "=";
        w += phrase(rng, static_cast<int>(rng() % 4));
      }
    }
    w += (n % 10 == 0) ? "\r\n}}" : "\n}}";
    if (n % 10 == 0) {  // some CRLF texts, as stored by old clients
      std::string crlf;
      for (char c : w) {
        if (c == '\n') crlf += '\r';
        crlf += c;
      }
      w = crlf;
    }
    out.push_back(std::move(w));
  }
  return out;
}

std::vector<std::string> real_corpus() {
  std::vector<std::string> out;
  const char* path = std::getenv("BGM_WIKI_CORPUS");
  if (path == nullptr) return out;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    auto v = boost::json::parse(line);
    out.emplace_back(v.as_string().c_str(), v.as_string().size());
  }
  return out;
}

std::size_t total_bytes(const std::vector<std::string>& c) {
  std::size_t n = 0;
  for (const auto& s : c) n += s.size();
  return n;
}

void report(benchmark::State& state, const std::vector<std::string>& corpus, std::size_t allocs) {
  const auto iters = static_cast<std::size_t>(state.iterations());
  state.SetBytesProcessed(static_cast<std::int64_t>(iters * total_bytes(corpus)));
  state.SetItemsProcessed(static_cast<std::int64_t>(iters * corpus.size()));
  state.counters["allocs_per_op"] = static_cast<double>(allocs) / static_cast<double>(iters * corpus.size());
}

void parse_view(benchmark::State& state, const std::vector<std::string>& corpus) {
  if (corpus.empty()) return state.SkipWithError("corpus not available (set BGM_WIKI_CORPUS)");
  Parser parser;
  WikiView view;
  for (const auto& s : corpus) (void)parser.parse(s, view);  // warm the reused buffers
  const auto before = g_allocs.load();
  for (auto _ : state) {
    for (const auto& s : corpus) {
      auto err = parser.parse(s, view);
      benchmark::DoNotOptimize(err);
      benchmark::DoNotOptimize(view.fields.data());
    }
  }
  report(state, corpus, g_allocs.load() - before);
}

void parse_owned(benchmark::State& state, const std::vector<std::string>& corpus) {
  if (corpus.empty()) return state.SkipWithError("corpus not available (set BGM_WIKI_CORPUS)");
  const auto before = g_allocs.load();
  for (auto _ : state) {
    for (const auto& s : corpus) {
      auto r = bgm::wiki::parse(s);
      benchmark::DoNotOptimize(r);
    }
  }
  report(state, corpus, g_allocs.load() - before);
}

void stringify(benchmark::State& state, const std::vector<std::string>& corpus) {
  std::vector<bgm::wiki::Wiki> wikis;
  for (const auto& s : corpus) {
    auto r = bgm::wiki::parse(s);
    if (auto* w = std::get_if<bgm::wiki::Wiki>(&r)) wikis.push_back(std::move(*w));
  }
  if (wikis.empty()) return state.SkipWithError("corpus not available (set BGM_WIKI_CORPUS)");
  std::size_t bytes = 0;
  const auto before = g_allocs.load();
  for (auto _ : state) {
    for (const auto& w : wikis) {
      auto text = bgm::wiki::stringify(w);
      bytes += text.size();
      benchmark::DoNotOptimize(text);
    }
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(bytes));
  state.SetItemsProcessed(static_cast<std::int64_t>(static_cast<std::size_t>(state.iterations()) * wikis.size()));
  state.counters["allocs_per_op"] = static_cast<double>(g_allocs.load() - before) /
                                    static_cast<double>(static_cast<std::size_t>(state.iterations()) * wikis.size());
}

const std::vector<std::string>& generated() {
  static const auto c = generated_corpus(20000);
  return c;
}
const std::vector<std::string>& real() {
  static const auto c = real_corpus();
  return c;
}

void BM_ParseView_Generated(benchmark::State& s) { parse_view(s, generated()); }
void BM_ParseOwned_Generated(benchmark::State& s) { parse_owned(s, generated()); }
void BM_Stringify_Generated(benchmark::State& s) { stringify(s, generated()); }
void BM_ParseView_RealCorpus(benchmark::State& s) { parse_view(s, real()); }
void BM_ParseOwned_RealCorpus(benchmark::State& s) { parse_owned(s, real()); }
void BM_Stringify_RealCorpus(benchmark::State& s) { stringify(s, real()); }

BENCHMARK(BM_ParseView_Generated)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ParseOwned_Generated)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Stringify_Generated)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ParseView_RealCorpus)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_ParseOwned_RealCorpus)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Stringify_RealCorpus)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();

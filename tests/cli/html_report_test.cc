// The HTML report: self-contained, and rendered by a real browser. The browser tests run Debian's
// headless Chromium on the report of the bundled example, read the DOM after the page's script
// ran, and decode the screenshot to check that the page and its heat map were drawn.
#include <gtest/gtest.h>
#include <zlib.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>

#include "cli_runner.h"

namespace aimsgate::clitest {
namespace {

namespace fs = std::filesystem;

std::string ExampleHtml() {
  CliRun run = RunAimsgate({"eval", std::string(AIMSGATE_SOURCE_DIR) + "/examples/credit-scoring/",
                            "--as-of", "2026-11-24", "--format", "html", "--jobs", "1"});
  EXPECT_EQ(run.exit_code, 1) << run.err;  // the example has gaps: the gate fails
  return run.out;
}

size_t Count(const std::string& text, const std::string& needle) {
  size_t n = 0;
  for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

TEST(HtmlReport, IsOneSelfContainedPage) {
  const std::string html = ExampleHtml();
  ASSERT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  // Nothing that would make the browser fetch anything.
  for (const char* fetch : {"<script src", "<link", "<img", "<iframe", "@import", "url(",
                            "src=\"http", "href=\"http"}) {
    EXPECT_EQ(html.find(fetch), std::string::npos) << "the report fetches through " << fetch;
  }
  EXPECT_NE(html.find("GATE FAILED"), std::string::npos);
  EXPECT_EQ(Count(html, "class=\"hm-cell\""),
            16u * 7u);                               // 7 clauses + 9 Annex A groups, 7 statuses
  EXPECT_EQ(Count(html, "<tr data-status="), 175u);  // one row per finding of the example
}

TEST(HtmlReport, EscapesEvidenceText) {
  const fs::path dir = fs::path(testing::TempDir()) / "html-escape";
  fs::create_directories(dir);
  std::ofstream(dir / "card.json")
      << R"({"kind": "model_card", "schema_version": "1.0", "id": "<script>alert(1)</script>"})";
  CliRun run = RunAimsgate({"eval", (dir / "card.json").string(), "--as-of", "2026-11-24",
                            "--format", "html", "--controls", "A.6.2.4", "--jobs", "1"});
  EXPECT_EQ(run.out.find("<script>alert"), std::string::npos);
  EXPECT_NE(run.out.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
}

// --- headless Chromium -------------------------------------------------------------------------

std::string FindChromium() {
  if (const char* env = std::getenv("AIMSGATE_CHROMIUM")) return env;
  for (const char* path : {"/usr/bin/chromium", "/usr/bin/chromium-browser"}) {
    if (fs::exists(path)) return path;
  }
  return "";
}

// Runs Chromium headless on `page` with `mode` ("--dump-dom" or "--screenshot=PATH"); returns
// its stdout. The flags keep it off the network and out of the user's profile.
std::string RunChromium(const std::string& chromium, const fs::path& page, const std::string& mode,
                        const fs::path& profile) {
  const std::string command =
      chromium +
      " --headless --no-sandbox --disable-gpu --disable-quic --no-first-run"
      " --disable-background-networking --disable-component-update --disable-sync"
      " --hide-scrollbars --window-size=1280,1600 --user-data-dir='" +
      profile.string() + "' " + mode + " 'file://" + page.string() + "' 2>/dev/null";
  std::string out;
  if (FILE* pipe = popen(command.c_str(), "r")) {
    std::array<char, 4096> buf;
    size_t n;
    while ((n = fread(buf.data(), 1, buf.size(), pipe)) > 0) out.append(buf.data(), n);
    pclose(pipe);
  }
  return out;
}

struct Image {
  uint32_t width = 0, height = 0;
  std::vector<std::array<uint8_t, 3>> pixels;  // RGB, row by row
};

uint32_t BigEndian(const std::string& s, size_t at) {
  return (uint32_t(uint8_t(s[at])) << 24) | (uint32_t(uint8_t(s[at + 1])) << 16) |
         (uint32_t(uint8_t(s[at + 2])) << 8) | uint32_t(uint8_t(s[at + 3]));
}

// Decodes an 8-bit, non-interlaced RGB or RGBA PNG (what Chromium writes); false otherwise.
bool DecodePng(const std::string& png, Image* image) {
  if (png.size() < 33 || png.compare(0, 8, "\x89PNG\r\n\x1a\n") != 0) return false;
  uint32_t channels = 0;
  std::string idat;
  for (size_t at = 8; at + 12 <= png.size();) {
    const uint32_t length = BigEndian(png, at);
    const std::string type = png.substr(at + 4, 4);
    if (at + 12 + length > png.size()) return false;
    if (type == "IHDR") {
      image->width = BigEndian(png, at + 8);
      image->height = BigEndian(png, at + 12);
      const uint8_t depth = uint8_t(png[at + 16]), color = uint8_t(png[at + 17]);
      if (depth != 8 || uint8_t(png[at + 20]) != 0) return false;
      channels = color == 2 ? 3 : color == 6 ? 4 : 0;
      if (channels == 0) return false;
    } else if (type == "IDAT") {
      idat.append(png, at + 8, length);
    }
    at += 12 + length;
  }
  const size_t stride = size_t(image->width) * channels;
  std::vector<uint8_t> raw((stride + 1) * image->height);
  uLongf raw_size = raw.size();
  if (uncompress(raw.data(), &raw_size, reinterpret_cast<const Bytef*>(idat.data()), idat.size()) !=
          Z_OK ||
      raw_size != raw.size()) {
    return false;
  }
  std::vector<uint8_t> previous(stride, 0), row(stride);
  image->pixels.reserve(size_t(image->width) * image->height);
  for (uint32_t y = 0; y < image->height; ++y) {
    const uint8_t filter = raw[y * (stride + 1)];
    const uint8_t* in = &raw[y * (stride + 1) + 1];
    for (size_t x = 0; x < stride; ++x) {
      const int a = x >= channels ? row[x - channels] : 0, b = previous[x],
                c = x >= channels ? previous[x - channels] : 0;
      int predicted = 0;
      switch (filter) {
        case 0:
          predicted = 0;
          break;
        case 1:
          predicted = a;
          break;
        case 2:
          predicted = b;
          break;
        case 3:
          predicted = (a + b) / 2;
          break;
        case 4: {
          const int p = a + b - c, pa = std::abs(p - a), pb = std::abs(p - b), pc = std::abs(p - c);
          predicted = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
          break;
        }
        default:
          return false;
      }
      row[x] = uint8_t(in[x] + predicted);
    }
    for (uint32_t x = 0; x < image->width; ++x) {
      image->pixels.push_back({row[x * channels], row[x * channels + 1], row[x * channels + 2]});
    }
    previous = row;
  }
  return true;
}

size_t PixelsOf(const Image& image, std::array<uint8_t, 3> rgb) {
  size_t n = 0;
  for (const auto& p : image.pixels) n += p == rgb;
  return n;
}

class HtmlInChromium : public testing::Test {
 protected:
  void SetUp() override {
    chromium_ = FindChromium();
    if (chromium_.empty()) {
      // CI installs Chromium (./dev test): there, a missing browser is a failure, not a skip.
      if (std::getenv("CI")) FAIL() << "Chromium is not installed (scripts/setup.sh --tests)";
      GTEST_SKIP() << "Chromium is not installed; run scripts/setup.sh --tests";
    }
    // One folder per test: ctest runs the tests of this fixture in parallel.
    dir_ = fs::path(testing::TempDir()) /
           (std::string("html-chromium-") +
            testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    page_ = dir_ / "report.html";
    std::ofstream(page_) << ExampleHtml();
  }
  std::string chromium_;
  fs::path dir_, page_;
};

TEST_F(HtmlInChromium, TheScriptRunsAndFiltersTheFindings) {
  const std::string dom = RunChromium(chromium_, page_, "--dump-dom", dir_ / "profile-dom");
  ASSERT_NE(dom.find("<svg id=\"heatmap\""), std::string::npos) << dom.substr(0, 500);
  EXPECT_NE(dom.find("data-ready=\"1\""), std::string::npos) << "the filter script did not run";
  // Passing and unevaluated findings start hidden: 175 findings, 144 of them pass, 0 not evaluated.
  EXPECT_NE(dom.find("<span id=\"shown\">31</span>"), std::string::npos);
  EXPECT_EQ(Count(dom, "class=\"hidden\""), 144u);
}

TEST_F(HtmlInChromium, TheScreenshotShowsTheGateAndTheHeatMap) {
  const fs::path shot = dir_ / "report.png";
  RunChromium(chromium_, page_, "--screenshot=" + shot.string(), dir_ / "profile-shot");
  Image image;
  ASSERT_TRUE(DecodePng(ReadFile(shot).value_or(""), &image))
      << "no readable screenshot at " << shot;
  EXPECT_EQ(image.width, 1280u);
  EXPECT_EQ(image.height, 1600u);
  // The failed gate is a wide red banner.
  EXPECT_GT(PixelsOf(image, {200, 35, 51}), 40'000u);
  // The heat map's fullest cell (A.6 pass, 30 findings) is drawn at full strength.
  EXPECT_GT(PixelsOf(image, {30, 132, 73}), 800u);
  // A page, not a blank or an error screen: many distinct colours.
  std::set<uint32_t> colours;
  for (const auto& p : image.pixels)
    colours.insert(uint32_t(p[0]) << 16 | uint32_t(p[1]) << 8 | p[2]);
  EXPECT_GT(colours.size(), 200u);
}

}  // namespace
}  // namespace aimsgate::clitest

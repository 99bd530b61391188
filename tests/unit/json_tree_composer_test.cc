// JsonTreeComposer: trees built value by value keep the positions they are given; ToJsonText.
#include <gtest/gtest.h>

#include "aimsgate/json_tree.h"

namespace aimsgate {
namespace {

using P = JsonTreeComposer::Position;

JsonTree Compose() {
  JsonTreeComposer c;
  c.StartObject(P{3, 1});
  c.Key("name");
  c.String("m1", P{4, 11});
  c.Key("metrics");
  c.StartArray(P{7, 16});
  c.StartObject(P{8, 9});
  c.Key("value");
  c.Real(0.91, P{9, 20});
  c.EndObject();
  c.EndArray();
  c.Key("count");
  c.Integer(2, P{12, 3});
  c.Key("ok");
  c.Bool(true, P{13, 3});
  c.Key("none");
  c.Null(P{14, 3});
  c.EndObject();
  Result<JsonTree> tree = std::move(c).Finish();
  EXPECT_TRUE(tree.ok()) << tree.status().ToString();
  return tree.ok() ? std::move(tree).value() : JsonTree();
}

TEST(JsonTreeComposerTest, ValuesKeepTheirGivenPositions) {
  JsonTree t = Compose();
  NodeId v = t.Resolve("/metrics/0/value");
  ASSERT_NE(v, kNoNode);
  EXPECT_EQ(t.real(v), 0.91);
  EXPECT_EQ(t.line(v), 9u);
  EXPECT_EQ(t.column(v), 20u);
  EXPECT_EQ(t.line(t.Resolve("/metrics/0")), 8u);
  EXPECT_EQ(t.line(t.root()), 3u);
  EXPECT_EQ(t.string(t.Resolve("/name")), "m1");
  EXPECT_EQ(t.PointerOf(v), "/metrics/0/value");
  // A missing member resolves to its nearest parent, whose position a finding then shows.
  EXPECT_EQ(t.line(t.ResolveDeepest("/metrics/0/threshold")), 8u);
}

TEST(JsonTreeComposerTest, ToJsonTextRoundTrips) {
  JsonTree t = Compose();
  const std::string text = ToJsonText(t, t.root());
  Result<JsonTree> back = JsonTree::Parse(text, "back.json");
  ASSERT_TRUE(back.ok()) << back.status().ToString() << "\n" << text;
  EXPECT_EQ(back->real(back->Resolve("/metrics/0/value")), 0.91);
  EXPECT_EQ(back->integer(back->Resolve("/count")), 2);
  EXPECT_EQ(back->type(back->Resolve("/ok")), JsonType::kTrue);
  EXPECT_EQ(back->type(back->Resolve("/none")), JsonType::kNull);
  EXPECT_EQ(ToJsonText(*back, back->root()), text);
}

TEST(JsonTreeComposerTest, MisuseIsAnInternalErrorNotACrash) {
  {
    JsonTreeComposer c;
    c.StartObject(P{1, 1});
    Result<JsonTree> t = std::move(c).Finish();
    ASSERT_FALSE(t.ok());
    EXPECT_EQ(t.status().code(), Status::Code::kInternal);
    EXPECT_NE(t.status().message().find("left open"), std::string::npos);
  }
  {
    JsonTreeComposer c;
    c.StartObject(P{1, 1});
    c.Key("a");
    c.Integer(1, P{1, 2});
    c.Key("a");
    c.Integer(2, P{1, 3});
    c.EndObject();
    Result<JsonTree> t = std::move(c).Finish();
    ASSERT_FALSE(t.ok());
    EXPECT_NE(t.status().message().find("\"a\" given twice"), std::string::npos);
  }
  {
    JsonTreeComposer c;
    c.StartObject(P{1, 1});
    c.Integer(1, P{1, 2});  // no key
    c.EndObject();
    EXPECT_FALSE(std::move(c).Finish().ok());
  }
  {
    JsonTreeComposer c;
    EXPECT_FALSE(std::move(c).Finish().ok());  // nothing at all
  }
}

}  // namespace
}  // namespace aimsgate

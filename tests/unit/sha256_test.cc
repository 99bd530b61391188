// SHA-256 against the FIPS 180-4 example vectors.
#include "util/sha256.h"

#include <gtest/gtest.h>

#include <string>

namespace aimsgate {
namespace {

std::string Hex(std::string_view data) {
  Sha256 sha;
  sha.Update(data);
  return sha.HexDigest();
}

TEST(Sha256Test, EmptyString) {
  EXPECT_EQ(Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(Sha256Test, Abc) {
  EXPECT_EQ(Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Sha256Test, FourHundredFortyEightBits) {
  EXPECT_EQ(Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST(Sha256Test, EightHundredNinetySixBits) {
  EXPECT_EQ(Hex("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopq"
                "klmnopqrlmnopqrsmnopqrstnopqrstu"),
            "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
}

TEST(Sha256Test, OneMillionA) {
  EXPECT_EQ(Hex(std::string(1'000'000, 'a')),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(Sha256Test, OneMillionAFedInOddChunks) {
  Sha256 sha;
  const std::string chunk(997, 'a');  // never aligned with the 64-byte block
  size_t fed = 0;
  while (fed + chunk.size() <= 1'000'000) {
    sha.Update(chunk);
    fed += chunk.size();
  }
  sha.Update(std::string(1'000'000 - fed, 'a'));
  EXPECT_EQ(sha.HexDigest(), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(Sha256Test, PaddingBoundaries) {
  // 55, 56 and 64 bytes: the length field fits, just does not fit, and a whole block.
  EXPECT_EQ(Hex(std::string(55, 'a')),
            "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318");
  EXPECT_EQ(Hex(std::string(56, 'a')),
            "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a");
  EXPECT_EQ(Hex(std::string(64, 'a')),
            "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb");
}

TEST(Sha256Test, BytesAreNotText) {
  EXPECT_EQ(Hex(std::string_view("\0", 1)),
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
}

TEST(Sha256Test, DigestIsPrefixed) {
  EXPECT_EQ(Sha256Digest("abc"),
            "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

// Where the CPU has SHA instructions the fast path runs; it must agree with the portable code
// for every length around the block and padding boundaries, fed in uneven pieces.
TEST(Sha256Test, FastAndPortableAgreeOnEveryLengthAndSplit) {
  std::string data;
  for (int i = 0; i < 300; ++i) data += static_cast<char>((i * 131 + 7) & 0xff);
  for (size_t len = 0; len <= data.size(); ++len) {
    for (size_t split : {size_t{0}, size_t{1}, size_t{63}, size_t{64}, len / 2}) {
      if (split > len) continue;
      Sha256 fast, portable;
      portable.ForcePortable();
      for (Sha256* sha : {&fast, &portable}) {
        sha->Update(std::string_view(data).substr(0, split));
        sha->Update(std::string_view(data).substr(split, len - split));
      }
      ASSERT_EQ(fast.HexDigest(), portable.HexDigest()) << "length " << len << " split " << split;
    }
  }
}

}  // namespace
}  // namespace aimsgate

// SHA-256 (FIPS 180-4) for report digests and stable task ids.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace aimsgate {

class Sha256 {
 public:
  Sha256();
  void Update(std::string_view data);
  // The lowercase hex digest. The object must not be updated afterwards.
  std::string HexDigest();
  // Uses the portable code even where the CPU has SHA instructions (tests compare the two).
  void ForcePortable() { force_portable_ = true; }

 private:
  void Block(const uint8_t* p);                  // portable, one 64-byte block
  void Blocks(const uint8_t* p, size_t blocks);  // the fastest code this CPU runs
  bool force_portable_ = false;
  uint32_t h_[8];
  uint8_t buffer_[64];
  size_t buffered_ = 0;
  uint64_t total_ = 0;
};

// "sha256:<hex>" of `data`.
std::string Sha256Digest(std::string_view data);

}  // namespace aimsgate

// The harness pattern of every fuzz target: one function that takes the input bytes and must
// return without crashing, hanging or leaking whatever they are. A target file is
//
//   #include "fuzz_target.h"
//   AIMSGATE_FUZZ_TARGET(input) { auto r = aimsgate::ParseWaivers(input, "fuzz.yaml"); (void)r; }
//
// plus one line in fuzz/CMakeLists.txt (aimsgate_fuzz_target(waivers waivers_fuzz.cc)) and a
// folder of seeds in fuzz/corpus/waivers/. The same file builds two ways: with libFuzzer
// (AIMSGATE_FUZZ=ON, clang) to search, and with replay_main.cc into a normal ctest test that
// runs every seed, so a crash found once stays fixed.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#define AIMSGATE_FUZZ_TARGET(input)                                                \
  static void AimsgateFuzzBody(std::string_view input);                            \
  extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {        \
    AimsgateFuzzBody(std::string_view(reinterpret_cast<const char*>(data), size)); \
    return 0;                                                                      \
  }                                                                                \
  static void AimsgateFuzzBody(std::string_view input)

// SHA-256, fed in pieces: used to derive the PDF's /ID from the file's own
// bytes, so identical content gets an identical identifier.  A thin RAII
// wrapper around OpenSSL's EVP interface.  Internal to the PDF writer.
#pragma once

#include <openssl/evp.h>

#include <array>
#include <cstdint>
#include <memory>
#include <string_view>

namespace ocopdoc::pdf::detail {

class Sha256 {
 public:
  Sha256();
  void update(std::string_view bytes);
  // Ends the message; the object must not be fed afterwards.
  std::array<std::uint8_t, 32> digest();

 private:
  struct ContextFree {
    void operator()(EVP_MD_CTX* context) const { EVP_MD_CTX_free(context); }
  };
  std::unique_ptr<EVP_MD_CTX, ContextFree> context_;
};

}  // namespace ocopdoc::pdf::detail

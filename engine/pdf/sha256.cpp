#include "pdf/sha256.h"

#include <stdexcept>

namespace ocopdoc::pdf::detail {

Sha256::Sha256() : context_(EVP_MD_CTX_new()) {
  if (!context_ || EVP_DigestInit_ex(context_.get(), EVP_sha256(), nullptr) != 1)
    throw std::runtime_error("không khởi tạo được SHA-256 (OpenSSL)");
}

void Sha256::update(std::string_view bytes) {
  if (EVP_DigestUpdate(context_.get(), bytes.data(), bytes.size()) != 1)
    throw std::runtime_error("lỗi SHA-256 (OpenSSL)");
}

std::array<std::uint8_t, 32> Sha256::digest() {
  std::array<std::uint8_t, 32> out{};
  unsigned int length = 0;
  if (EVP_DigestFinal_ex(context_.get(), out.data(), &length) != 1 || length != out.size())
    throw std::runtime_error("lỗi SHA-256 (OpenSSL)");
  return out;
}

}  // namespace ocopdoc::pdf::detail

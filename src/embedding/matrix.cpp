#include "embedding/matrix.h"

#include <algorithm>
#include <new>

namespace tokenlab::embedding {
namespace {

constexpr std::align_val_t kAlignment{Matrix::kAlignmentFloats * sizeof(float)};

float* allocate(std::size_t count) {
  if (count == 0) return nullptr;
  return static_cast<float*>(::operator new[](count * sizeof(float), kAlignment));
}

}  // namespace

void Matrix::AlignedDelete::operator()(float* p) const { ::operator delete[](p, kAlignment); }

Matrix::Matrix(std::size_t rows, std::size_t cols)
    : rows_(rows),
      cols_(cols),
      stride_((cols + kAlignmentFloats - 1) / kAlignmentFloats * kAlignmentFloats),
      data_(allocate(rows * stride_)) {
  fill_zero();
}

Matrix::Matrix(const Matrix& other)
    : rows_(other.rows_), cols_(other.cols_), stride_(other.stride_), data_(allocate(rows_ * stride_)) {
  std::copy_n(other.data(), rows_ * stride_, data());
}

Matrix& Matrix::operator=(const Matrix& other) {
  if (this != &other) *this = Matrix(other);
  return *this;
}

void Matrix::fill_zero() { std::fill_n(data(), rows_ * stride_, 0.0f); }

}  // namespace tokenlab::embedding

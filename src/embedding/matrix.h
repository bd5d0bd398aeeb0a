// A dense row-major float matrix whose rows start on 64-byte boundaries, so
// SIMD loads of a row never straddle more cache lines than needed.
//
//   Matrix m(2, 3);          // rows 2, cols 3, stride 16, all zero
//   m.row(1)[2] = 5.0f;      // element (1, 2)
//
// Each row holds cols() values followed by zero padding up to stride(); the
// padding stays zero under the kernels' row operations, which only touch the
// first cols() values.
#pragma once

#include <cstddef>
#include <memory>

namespace tokenlab::embedding {

class Matrix {
 public:
  static constexpr std::size_t kAlignmentFloats = 16;  // 64 bytes

  Matrix() = default;
  Matrix(std::size_t rows, std::size_t cols);  // zero-filled
  Matrix(const Matrix& other);
  Matrix& operator=(const Matrix& other);
  Matrix(Matrix&&) noexcept = default;
  Matrix& operator=(Matrix&&) noexcept = default;

  std::size_t rows() const { return rows_; }
  std::size_t cols() const { return cols_; }
  std::size_t stride() const { return stride_; }  // floats from one row to the next
  bool empty() const { return rows_ == 0; }

  float* row(std::size_t r) { return data_.get() + r * stride_; }
  const float* row(std::size_t r) const { return data_.get() + r * stride_; }
  float* data() { return data_.get(); }
  const float* data() const { return data_.get(); }

  void fill_zero();

 private:
  struct AlignedDelete {
    void operator()(float* p) const;
  };

  std::size_t rows_ = 0;
  std::size_t cols_ = 0;
  std::size_t stride_ = 0;
  std::unique_ptr<float[], AlignedDelete> data_;
};

}  // namespace tokenlab::embedding

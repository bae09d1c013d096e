using System.Numerics;
using Nabla.Tensors.Kernels;

namespace Nabla.Tensors;

public static partial class Tensor
{
    /// <summary>
    /// op(a) op(b), op = transpose when the flag is set. Rank 2 (matrices) or rank 3 (a batch of
    /// matrices of the same count). The backward rule is again a product: for C = A B,
    /// dA = dC Bᵀ and dB = Aᵀ dC (the lecture's ∂L/∂W = ∂L/∂z · xᵀ).
    /// </summary>
    public static Tensor<T> MatMul<T>(Tensor<T> a, Tensor<T> b, bool transposeA = false, bool transposeB = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (a.Rank != b.Rank || a.Rank is not (2 or 3))
            throw new TensorShapeException($"MatMul: needs two matrices or two batches of matrices, got shapes {Shapes.Format(a.Shape)} and {Shapes.Format(b.Shape)}");
        int batch = a.Rank == 3 ? a.Dim(0) : 1;
        if (a.Rank == 3 && b.Dim(0) != batch)
            throw new TensorShapeException($"MatMul: batch sizes {batch} and {b.Dim(0)} differ");
        int ar = a.Dim(-2), ac = a.Dim(-1), br = b.Dim(-2), bc = b.Dim(-1);
        int m = transposeA ? ac : ar, k = transposeA ? ar : ac, k2 = transposeB ? bc : br, n = transposeB ? br : bc;
        if (k != k2)
            throw new TensorShapeException($"MatMul: inner dimensions differ: {Shapes.Format(a.Shape)}{(transposeA ? "ᵀ" : "")} times {Shapes.Format(b.Shape)}{(transposeB ? "ᵀ" : "")} ({k} vs {k2})");
        var r = new Tensor<T>(a.Rank == 3 ? [batch, m, n] : [m, n]);
        for (int bt = 0; bt < batch; bt++)
            Gemm.Multiply(transposeA, transposeB, m, n, k, T.One, a.Data.Slice(bt * ar * ac, ar * ac), ac,
                b.Data.Slice(bt * br * bc, br * bc), bc, T.Zero, r.Data.Slice(bt * m * n, m * n), n);
        return Autograd.Record(r, "matmul", [a, b], g =>
        [
            !a.RequiresGrad ? null : transposeA ? MatMul(b, g, transposeB, true) : MatMul(g, b, false, !transposeB),
            !b.RequiresGrad ? null : transposeB ? MatMul(g, a, true, transposeA) : MatMul(a, g, !transposeA, false),
        ]);
    }
}

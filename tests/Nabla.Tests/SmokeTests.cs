namespace Nabla.Tests;

public class ScalarTests
{
    [Fact]
    public void RealIsAPlainDoubleUnderGenericCode()
    {
        static T Rosen<T>(ReadOnlySpan<T> x) where T : IScalar<T>
            => T.Constant(100) * T.Square(x[1] - x[0] * x[0]) + T.Square(T.One - x[0]);
        double[] p = [-1.2, 1.0];
        Assert.Equal(24.2, Rosen(Real.View(p)).Value, 1e-12);
    }
}

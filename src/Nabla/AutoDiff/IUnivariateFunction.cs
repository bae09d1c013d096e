namespace Nabla.AutoDiff;

/// <summary>A scalar function of one variable, written once over any <see cref="IScalar{T}"/> (implement on a struct).</summary>
public interface IUnivariateFunction
{
    T Evaluate<T>(T x) where T : IScalar<T>;
}

namespace Nabla.Analysis;

/// <summary>The lecture's words for a critical point.</summary>
public enum PointClass
{
    StrictLocalMinimum,
    LocalMinimum,
    StrictLocalMaximum,
    LocalMaximum,
    SaddlePoint,
    Undetermined,
}

/// <summary>How a critical point was classified, and how sure that is.</summary>
/// <param name="Class">The class.</param>
/// <param name="Reason">The argument, in words (eigenvalues, the lowest non-vanishing order, or the search on shrinking spheres).</param>
/// <param name="IsProof">True when the argument is a proof (certified Hessian definiteness, exact higher derivatives); false for numerical evidence.</param>
/// <param name="Eigenvalues">Eigenvalues of the Hessian at the point, ascending (empty when the Hessian is undefined there).</param>
/// <param name="Definiteness">"positive definite", "negative definite", "indefinite", "positive semidefinite", "negative semidefinite", or "undefined".</param>
/// <param name="LectureRuleNote">For one variable with f''(x₀) = 0: how the lecture's rule "f' = 0, f'' = 0 ⇒ saddle point" fares here.</param>
public sealed record Classification(
    PointClass Class,
    string Reason,
    bool IsProof,
    double[] Eigenvalues,
    string Definiteness,
    string? LectureRuleNote = null)
{
    /// <summary>The class in the words of the JSON contract.</summary>
    public string ClassText => Text(Class);

    public static string Text(PointClass c) => c switch
    {
        PointClass.StrictLocalMinimum => "strict local minimum",
        PointClass.LocalMinimum => "local minimum",
        PointClass.StrictLocalMaximum => "strict local maximum",
        PointClass.LocalMaximum => "local maximum",
        PointClass.SaddlePoint => "saddle point",
        _ => "undetermined",
    };
}

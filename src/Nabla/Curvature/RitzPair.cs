namespace Nabla.Curvature;

/// <summary>
/// An approximate eigenpair (θ, y) with ‖y‖ = 1 and its residual ‖H y − θ y‖. For a symmetric H
/// the residual bounds the error: some eigenvalue of H lies in [θ − r, θ + r] (and, when the
/// nearest other eigenvalue is at distance δ &gt; r, within r²/δ of θ).
/// </summary>
/// <param name="Value">The Ritz value θ.</param>
/// <param name="Residual">‖H y − θ y‖, computed with one extra Hessian-vector product when
/// explicit residuals are on, else the Lanczos estimate |β_m s_m|.</param>
/// <param name="Vector">The unit Ritz vector y, or null when vectors were not requested.</param>
public sealed record RitzPair(double Value, double Residual, double[]? Vector);

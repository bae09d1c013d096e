namespace Nabla.Tensors;

/// <summary>Shapes that do not fit an operation (matrix product, broadcasting, reshape, indexing).</summary>
public sealed class TensorShapeException(string message) : NablaInputException(message);

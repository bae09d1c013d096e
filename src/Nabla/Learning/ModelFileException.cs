namespace Nabla.Learning;

/// <summary>A model file that is readable safetensors but not a valid Nabla model (missing or inconsistent metadata or weights).</summary>
public sealed class ModelFileException(string message) : NablaInputException(message);

namespace Nabla.Tensors;

/// <summary>A safetensors file that is truncated, corrupted or not in the format (names the file and the defect).</summary>
public sealed class SafeTensorsException(string message) : NablaInputException(message);

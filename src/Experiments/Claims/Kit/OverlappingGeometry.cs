using System.Text.Json.Serialization;

namespace Repro.Experiments.Claims;

/// <summary>Two readings of §2.6's "shifted positions so that they overlap" for C6's overlapping dataset.</summary>
[JsonConverter(typeof(JsonStringEnumConverter))]
public enum OverlappingGeometry
{
    /// <summary>4×4 squares in the corners of the 6×6 image (the default reading).</summary>
    Corners4x4,
    /// <summary>3×3 squares moved one pixel from each corner towards the centre.</summary>
    Shifted3x3,
}

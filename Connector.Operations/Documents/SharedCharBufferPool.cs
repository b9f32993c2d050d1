using System.Buffers;
using Newtonsoft.Json;

namespace Connector.Operations.Documents;

/// <summary>
/// Lends Newtonsoft's readers their character buffers from <see cref="ArrayPool{T}.Shared"/>, so reading a small input
/// document does not allocate a fresh 1,024-character buffer each time. Stateless: the pool it lends from is the
/// runtime's shared one.
/// </summary>
internal sealed class SharedCharBufferPool : IArrayPool<char>
{
    /// <summary>The one instance (it holds no state of its own).</summary>
    public static readonly SharedCharBufferPool Instance = new();

    private SharedCharBufferPool()
    {
    }

    /// <summary>A buffer of at least <paramref name="minimumLength"/> characters; give it back with <see cref="Return"/>.</summary>
    public char[] Rent(int minimumLength) => ArrayPool<char>.Shared.Rent(minimumLength);

    /// <summary>Gives a rented buffer back; null (nothing rented) is ignored.</summary>
    public void Return(char[]? array)
    {
        if (array is not null)
        {
            ArrayPool<char>.Shared.Return(array);
        }
    }
}

using System.Collections;
using System.Collections.Concurrent;

namespace Workbench.Kernel.Formatting;

/// <summary>Key/value pairs of any dictionary shape: IDictionary, IDictionary&lt;K,V&gt;, IReadOnlyDictionary&lt;K,V&gt; (ExpandoObject included).</summary>
internal static class DictionaryEntries
{
    private static readonly ConcurrentDictionary<Type, Type?> PairTypes = new();

    public static bool IsDictionary(Type type) => typeof(IDictionary).IsAssignableFrom(type) || GenericPairType(type) is not null;

    public static IEnumerable<(object Key, object? Value)>? TryRead(object value)
    {
        if (value is IDictionary dictionary)
        {
            return Entries(dictionary);
        }

        var pairType = GenericPairType(value.GetType());
        if (pairType is null)
        {
            return null;
        }

        var key = pairType.GetProperty("Key")!;
        var val = pairType.GetProperty("Value")!;
        return ((IEnumerable)value).Cast<object>().Select(pair => (key.GetValue(pair)!, val.GetValue(pair)));
    }

    // IDictionary's own enumerator yields DictionaryEntry; IEnumerable's may yield KeyValuePair<K,V>.
    private static IEnumerable<(object Key, object? Value)> Entries(IDictionary dictionary)
    {
        var enumerator = dictionary.GetEnumerator();
        while (enumerator.MoveNext())
        {
            yield return (enumerator.Key, enumerator.Value);
        }
    }

    private static Type? GenericPairType(Type type) => PairTypes.GetOrAdd(type, static t =>
    {
        foreach (var contract in t.GetInterfaces().Append(t))
        {
            if (contract.IsGenericType
                && (contract.GetGenericTypeDefinition() == typeof(IDictionary<,>) || contract.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>)))
            {
                return typeof(KeyValuePair<,>).MakeGenericType(contract.GetGenericArguments());
            }
        }

        return null;
    });
}

using Graph.Engine.Runtime;

namespace Graph.Engine.Functions;

/// <summary>Creates aggregators by function name.</summary>
internal static class Aggregations
{
    private static readonly HashSet<string> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        "count", "sum", "avg", "min", "max", "collect", "stDev", "stDevP", "percentileCont", "percentileDisc",
    };

    public static bool IsAggregate(string name) => Names.Contains(name);

    /// <summary>How many arguments the aggregate takes: the value, and for the percentiles the percentile.</summary>
    public static int ArgumentCount(string name) =>
        name.Equals("percentileCont", StringComparison.OrdinalIgnoreCase) || name.Equals("percentileDisc", StringComparison.OrdinalIgnoreCase) ? 2 : 1;

    /// <summary>True when repeating an input row does not change the result (DISTINCT aggregates, min, max).</summary>
    public static bool IgnoresRepeatedRows(string name, bool distinct) =>
        distinct || name.Equals("min", StringComparison.OrdinalIgnoreCase) || name.Equals("max", StringComparison.OrdinalIgnoreCase);

    public static Aggregator Create(string name, bool distinct, bool countStar = false) => Factory(name, distinct, countStar)();

    /// <summary>A constructor for the aggregate's per-group state, resolved from the name once.</summary>
    public static Func<Aggregator> Factory(string name, bool distinct, bool countStar = false)
    {
        Func<Aggregator> inner = name.ToLowerInvariant() switch
        {
            "count" => countStar ? () => new CountStar() : () => new Count(),
            "sum" => () => new Sum(),
            "avg" => () => new Avg(),
            "min" => () => new MinMax(max: false),
            "max" => () => new MinMax(max: true),
            "collect" => () => new Collect(),
            "stdev" => () => new StDev(sample: true),
            "stdevp" => () => new StDev(sample: false),
            "percentilecont" => () => new Percentile(continuous: true),
            "percentiledisc" => () => new Percentile(continuous: false),
            _ => throw CypherErrors.Semantic("UnknownFunction", $"Unknown aggregate function '{name}'."),
        };
        return distinct && !countStar ? () => new Distinct(inner()) : inner;
    }

    private sealed class Distinct(Aggregator inner) : Aggregator
    {
        // A node or relationship equals only a value of its own kind with the same id, so entities are remembered by
        // id (a bitmap once many): no equivalence hashing per row, and the row's NodeValue is not kept alive in the set
        // (count(DISTINCT b) over thousands of reached nodes). Other values go through Cypher's equivalence.
        private EntityIdSet? _nodes;
        private EntityIdSet? _relationships;
        private HashSet<object?>? _others;

        public override void Add(object? value)
        {
            if (value is null) return;
            var added = value switch
            {
                NodeValue n => (_nodes ??= new EntityIdSet()).Add(n.Id),
                RelValue r => (_relationships ??= new EntityIdSet()).Add(r.Id),
                _ => (_others ??= new HashSet<object?>(CypherValues.EquivalenceComparer)).Add(value),
            };
            if (!added) return;
            // the set holds each value once; the inner aggregate (collect) refers to the same values: counted here only
            Account?.Keep(value, ValueSize.SetEntry + 8);
            inner.Add(value);
        }
        public override void AddExtra(object?[] args) => inner.AddExtra(args);
        public override object? Result() => inner.Result();
    }

    private sealed class CountStar : Aggregator
    {
        private long _n;
        public override void Add(object? value) => _n++;
        public override void AddRepeated(object? value, long times) => _n += times;
        public override object? Result() => CypherValues.Int(_n);
    }

    private sealed class Count : Aggregator
    {
        private long _n;
        public override void Add(object? value) { if (value is not null) _n++; }
        public override void AddRepeated(object? value, long times) { if (value is not null) _n += times; }
        public override object? Result() => CypherValues.Int(_n);
    }

    private sealed class Sum : Aggregator
    {
        private long _long;
        private double _double;
        private bool _isDouble;
        private bool _isNumber;
        private Graph.Client.Duration? _duration; // sum() of durations is a duration; mixing them with numbers is an error
        public override void Add(object? value)
        {
            if (value is Graph.Client.Duration duration && !_isNumber)
            {
                _duration = _duration is null ? duration : Runtime.Temporal.DurationMath.Add(_duration, duration);
                return;
            }
            if (value is not null && _duration is not null) throw CypherErrors.InvalidArgumentType("sum()", value, "a Duration, like the values before it");
            if (value is long or double) _isNumber = true;
            switch (value)
            {
                case null: return;
                case long l when !_isDouble:
                    try { _long = checked(_long + l); }
                    catch (OverflowException) { throw CypherErrors.IntegerOverflow("sum()"); }
                    break;
                case long l: _double += l; break;
                case double d:
                    if (!_isDouble) { _isDouble = true; _double = _long; }
                    _double += d;
                    break;
                default: throw CypherErrors.InvalidArgumentType("sum()", value, "a number");
            }
        }
        public override object? Result() => _duration ?? (_isDouble ? _double : CypherValues.Int(_long));
    }

    private sealed class Avg : Aggregator
    {
        private double _sum;
        private long _n;
        private Graph.Client.Duration? _duration; // avg() of durations: their sum divided by the count, approximated like duration / n
        public override void Add(object? value)
        {
            if (value is null) return;
            if (value is Graph.Client.Duration d && (_duration is not null || _n == 0))
            {
                _duration = _duration is null ? d : Runtime.Temporal.DurationMath.Add(_duration, d);
                _n++;
                return;
            }
            if (value is not (long or double) || _duration is not null) throw CypherErrors.InvalidArgumentType("avg()", value, "a number (or only durations)");
            _sum += CypherValues.ToDouble(value);
            _n++;
        }
        public override object? Result() => _n == 0 ? null : _duration is not null ? Runtime.Temporal.DurationMath.Divide(_duration, _n) : _sum / _n;
    }

    private sealed class MinMax(bool max) : Aggregator
    {
        private object? _best;
        public override void Add(object? value)
        {
            if (value is null) return;
            if (_best is null) { _best = value; return; }
            var c = CypherValues.Order(value, _best);
            if (max ? c > 0 : c < 0) _best = value;
        }
        public override object? Result() => _best;
    }

    private sealed class Collect : Aggregator
    {
        private readonly List<object?> _items = [];
        public override void Add(object? value)
        {
            if (value is null) return;
            _items.Add(value);
            Account?.Keep(value, 8);
        }
        public override object? Result() => _items;
    }

    private sealed class StDev(bool sample) : Aggregator
    {
        // Welford's algorithm: numerically stable in one pass.
        private long _n;
        private double _mean;
        private double _m2;
        public override void Add(object? value)
        {
            if (value is null) return;
            if (value is not (long or double)) throw CypherErrors.InvalidArgumentType(sample ? "stDev()" : "stDevP()", value, "a number");
            var x = CypherValues.ToDouble(value);
            _n++;
            var delta = x - _mean;
            _mean += delta / _n;
            _m2 += delta * (x - _mean);
        }
        public override object? Result()
        {
            if (_n == 0) return 0.0;
            if (sample) return _n < 2 ? 0.0 : Math.Sqrt(_m2 / (_n - 1));
            return Math.Sqrt(_m2 / _n);
        }
    }

    private sealed class Percentile(bool continuous) : Aggregator
    {
        private readonly List<double> _values = [];
        private readonly List<object> _originals = [];
        private double? _percentile;
        public override void Add(object? value)
        {
            if (value is null) return;
            if (value is not (long or double)) throw CypherErrors.InvalidArgumentType(continuous ? "percentileCont()" : "percentileDisc()", value, "a number");
            _values.Add(CypherValues.ToDouble(value));
            _originals.Add(value);
            Account?.Reserve(16);
        }
        public override void AddExtra(object?[] args)
        {
            if (_percentile is not null || args.Length < 2) return;
            var p = args[1] switch
            {
                long l => (double)l,
                double d => d,
                _ => throw CypherErrors.InvalidArgumentType("percentile", args[1], "a number between 0.0 and 1.0"),
            };
            if (p is < 0 or > 1 || double.IsNaN(p))
                throw CypherErrors.ArgumentError("NumberOutOfRange", $"The percentile must be between 0.0 and 1.0, got {p}.");
            _percentile = p;
        }
        public override object? Result()
        {
            if (_values.Count == 0) return null;
            var p = _percentile ?? 0.5;
            var idx = Enumerable.Range(0, _values.Count).OrderBy(i => _values[i]).ToArray();
            if (continuous)
            {
                var f = p * (_values.Count - 1);
                var lo = (int)Math.Floor(f);
                var hi = (int)Math.Ceiling(f);
                var vlo = _values[idx[lo]];
                var vhi = _values[idx[hi]];
                return lo == hi ? vlo : vlo + (f - lo) * (vhi - vlo);
            }
            var k = p >= 1.0 || _values.Count == 1 ? _values.Count - 1 : Math.Max(0, (int)Math.Ceiling(p * _values.Count) - 1);
            return _originals[idx[k]];
        }
    }
}

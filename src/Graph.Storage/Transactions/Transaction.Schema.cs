using Graph.Storage.Records;
using Graph.Storage.Values;

namespace Graph.Storage.Transactions;

internal sealed partial class Transaction
{
    public override void CreateIndex(IndexDefinition index)
    {
        var overlay = Writable();
        var draft = overlay.Schema;
        EnsureNameFree(draft, index.Name);
        if (index.PropertyKeys.Count == 0) throw new SchemaException($"Index '{index.Name}' needs at least one property.");
        foreach (var existing in draft.Indexes)
            if (existing.Label == index.Label && existing.PropertyKeys.SequenceEqual(index.PropertyKeys))
                throw new SchemaException($"Index '{index.Name}' duplicates the existing index '{existing.Name}' on the same label and properties.");
        var definition = index with { Unique = false, ConstraintName = null };
        ChangeSchema(overlay, draft with
        {
            Indexes = [.. draft.Indexes, definition],
            Ops = [.. draft.Ops, new SchemaOp(SchemaOpKind.CreateIndex, index.Name, Index: definition)],
        });
    }

    public override void DropIndex(string name)
    {
        var overlay = Writable();
        var draft = overlay.Schema;
        var index = draft.Indexes.FirstOrDefault(i => i.Name == name)
            ?? throw new SchemaException($"There is no index named '{name}'.");
        if (index.ConstraintName is not null)
            throw new SchemaException($"Index '{name}' belongs to constraint '{index.ConstraintName}'; drop the constraint instead.");
        ChangeSchema(overlay, draft with
        {
            Indexes = draft.Indexes.Where(i => i.Name != name).ToArray(),
            Ops = [.. draft.Ops, new SchemaOp(SchemaOpKind.DropIndex, name)],
        });
    }

    public override void CreateUniqueConstraint(ConstraintDefinition constraint)
    {
        var overlay = Writable();
        var draft = overlay.Schema;
        EnsureNameFree(draft, constraint.Name);
        if (constraint.PropertyKeys.Count == 0) throw new SchemaException($"Constraint '{constraint.Name}' needs at least one property.");
        foreach (var existing in draft.Indexes)
            if (existing.Label == constraint.Label && existing.PropertyKeys.SequenceEqual(constraint.PropertyKeys))
                throw new SchemaException(existing.ConstraintName is null
                    ? $"Constraint '{constraint.Name}' conflicts with the existing index '{existing.Name}' on the same label and properties; drop the index first."
                    : $"Constraint '{constraint.Name}' duplicates the existing constraint '{existing.ConstraintName}'.");
        CheckExistingDataUnique(constraint);
        var backing = new IndexDefinition(constraint.Name, constraint.Label, constraint.PropertyKeys.ToArray(), Unique: true) { ConstraintName = constraint.Name };
        ChangeSchema(overlay, draft with
        {
            Indexes = [.. draft.Indexes, backing],
            Constraints = [.. draft.Constraints, constraint],
            Ops = [.. draft.Ops, new SchemaOp(SchemaOpKind.CreateConstraint, constraint.Name, backing, constraint)],
        });
    }

    public override void DropConstraint(string name)
    {
        var overlay = Writable();
        var draft = overlay.Schema;
        if (draft.Constraints.All(c => c.Name != name)) throw new SchemaException($"There is no constraint named '{name}'.");
        ChangeSchema(overlay, draft with
        {
            Indexes = draft.Indexes.Where(i => i.ConstraintName != name).ToArray(),
            Constraints = draft.Constraints.Where(c => c.Name != name).ToArray(),
            Ops = [.. draft.Ops, new SchemaOp(SchemaOpKind.DropConstraint, name)],
        });
    }

    private static void EnsureNameFree(SchemaDraft draft, string name)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new SchemaException("An index or constraint needs a name.");
        StoredValues.CheckText(name, () => "The index or constraint name");
        if (draft.Indexes.Any(i => i.Name == name) || draft.Constraints.Any(c => c.Name == name))
            throw new SchemaException($"An index or constraint named '{name}' already exists.");
    }

    private static void ChangeSchema(Overlay overlay, SchemaDraft next)
    {
        overlay.Undo.Add(new UndoEntry(UndoKind.Schema, 0, 0, overlay.Schema));
        overlay.Schema = next;
    }

    /// <summary>Fails when two nodes visible to this transaction already share the constrained values.</summary>
    private void CheckExistingDataUnique(ConstraintDefinition constraint)
    {
        var keys = constraint.PropertyKeys.ToArray();
        var seen = new Dictionary<ValueKey, long>();
        var values = new object?[keys.Length];
        foreach (var id in NodesWithLabel(constraint.Label))
        {
            TryNode(id, out _, out var properties);
            for (var i = 0; i < keys.Length; i++) values[i] = PropertyArrays.Get(properties, keys[i]);
            if (!PropertyIndex.TryKeyOfValues(values, out var key)) continue;
            if (seen.TryAdd(key, id)) continue;
            var tokens = _store.Tokens;
            var described = string.Join(", ", keys.Select((k, i) => $"{tokens.PropertyKeyName(k)} = {Describe(values[i]!)}"));
            throw new ConstraintViolationException(
                $"Cannot create constraint '{constraint.Name}': nodes {seen[key]} and {id} both have label `{tokens.LabelName(constraint.Label)}` and property {described}.");
        }
    }
}

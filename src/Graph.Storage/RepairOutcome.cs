namespace Graph.Storage;

/// <summary>How <see cref="StoreRepair"/> ended.</summary>
public enum RepairOutcome
{
    /// <summary>The store opens as it is; no file was touched.</summary>
    NothingToRepair,
    /// <summary>Damaged files were copied aside and the store was cut back to its last good commit.</summary>
    Repaired,
    /// <summary>The damage cannot be repaired from what is in the directory (a backup is needed); no file was touched.</summary>
    CannotRepair,
}

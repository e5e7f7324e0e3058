// Records the load's manifest, in the load's own transaction (so it never describes a load that rolled back).
// $properties: {id: 'graph-data', format, registry, documents: [id], hashes: [hash], network, ...}
MERGE (m:GraphDataManifest {id: 'graph-data'})
SET m = $properties

// What the last load recorded: the content hashes of the registry and of each document, the network settings and
// summary. An unchanged graph-data (same hashes) needs no reading; changed documents are re-read alone.
MATCH (m:GraphDataManifest {id: 'graph-data'})
RETURN properties(m) AS manifest

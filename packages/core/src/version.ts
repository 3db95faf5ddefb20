/** mlci's version, recorded in lineage and provenance. A test keeps it equal to the packages' version. */
export const mlciVersion = '0.1.0';

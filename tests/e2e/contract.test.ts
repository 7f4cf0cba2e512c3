/** The subgraph contract (STYLE.md, Tests) for every subgraph of the registry (`@region/schema`, `SUBGRAPHS`). */
import { registryContract } from '../src/contract.ts';

registryContract();

/** Data loading for the jlaplace command line: CSV, IDX, embedded and synthetic sets, splits, scaling. */
package org.jlaplace.bench.data;

/** Run directories written atomically, CSV/JSON/PNG reports and console tables. */
package org.jlaplace.bench.report;

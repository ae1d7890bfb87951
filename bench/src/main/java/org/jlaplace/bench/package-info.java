/** jlaplace bench. */
package org.jlaplace.bench;

/** Building models for the command line: the short architecture syntax and loading model files. */
package org.jlaplace.bench.model;

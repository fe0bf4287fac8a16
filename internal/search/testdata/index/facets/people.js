annalsSearch.facets("people",[["Ilse Dorn","ilse-dorn",4]]);

annalsSearch.postings("sea",{"all":"BWzB","rest":54,"top":"B2B2E4E4"});
